import { BigEndianReader, BigEndianWriter } from './big-endian.js'
import { invalidArgument } from './fail.js'

/** What changed in one tensor in one commit (`T/commit_diff`, spec §3.7). */
export interface CommitDiff {
  /** The tensor was created in this commit. */
  created: boolean
  infoUpdated: boolean
  /** Data was rewritten by an in-place transform. */
  dataTransformed: boolean
  /** Samples `[addedStart, addedEnd)` were appended in this commit. */
  addedStart: number
  addedEnd: number
  /** Indices updated in this commit. */
  updated: number[]
  cleared: boolean
  /** Indices deleted in this commit. */
  deleted: number[]
  /** Ids (from `_<name>_id`) of the deleted samples, when the file records them. */
  deletedIds?: bigint[]
}

/**
 * Parses a commit diff (big-endian). The deleted-indices section and the deleted-ids section
 * after it are optional (older writers stop after `cleared`).
 */
export function parseCommitDiff(bytes: Uint8Array, key?: string): CommitDiff {
  const r = new BigEndianReader(bytes, 'commit diff', key)
  const created = r.bool('created')
  const infoUpdated = r.bool('info_updated')
  const dataTransformed = r.bool('data_transformed')
  const addedStart = r.u64('added start')
  const addedEnd = r.u64('added end')
  const updated: number[] = []
  for (let i = r.count('updated indices', 8); i > 0; i--) updated.push(r.u64('updated index'))
  const cleared = r.bool('cleared')
  const diff: CommitDiff = {
    created,
    infoUpdated,
    dataTransformed,
    addedStart,
    addedEnd,
    updated,
    cleared,
    deleted: [],
  }
  if (r.remaining === 0) return diff
  const n = r.count('deleted indices', 8)
  for (let i = 0; i < n; i++) diff.deleted.push(r.u64('deleted index'))
  if (n > 0 && r.remaining >= n * 8) {
    const ids: bigint[] = []
    for (let i = 0; i < n; i++) ids.push(r.bigU64('deleted id'))
    diff.deletedIds = ids
  }
  return diff
}

/**
 * Serializes a commit diff as Python 3.9.52 does: always with the deleted section, plus the
 * deleted ids when given (one per deleted index). A fresh tensor with 2 samples gives 36 bytes.
 */
export function encodeCommitDiff(diff: CommitDiff): Uint8Array {
  const ids = diff.deletedIds && diff.deleted.length > 0 ? diff.deletedIds : undefined
  if (ids && ids.length !== diff.deleted.length) {
    throw invalidArgument(
      `commit diff has ${diff.deleted.length} deleted indices but ${ids.length} deleted ids`,
    )
  }
  const size =
    3 + 16 + 8 + diff.updated.length * 8 + 1 + 8 + diff.deleted.length * 8 + (ids ? ids.length * 8 : 0)
  const w = new BigEndianWriter(size)
  w.bool(diff.created)
  w.bool(diff.infoUpdated)
  w.bool(diff.dataTransformed)
  w.u64(diff.addedStart)
  w.u64(diff.addedEnd)
  w.u64(diff.updated.length)
  for (const index of diff.updated) w.u64(index)
  w.bool(diff.cleared)
  w.u64(diff.deleted.length)
  for (const index of diff.deleted) w.u64(index)
  if (ids) for (const id of ids) w.bigU64(id)
  return w.bytes
}
