import { BigEndianReader, BigEndianWriter } from './big-endian.js'

/** Dataset-level changes of one commit (`dataset_diff`, spec §3.7). */
export interface DatasetDiff {
  infoUpdated: boolean
  /** Tensor renames, old name → new name, in order. */
  renamed: Map<string, string>
  /** Names of tensors deleted in this commit. */
  deleted: string[]
}

const utf8 = new TextEncoder()

/**
 * Parses a dataset diff (big-endian). Name lengths are read as UTF-8 byte counts, which is how
 * Python reads them (it writes character counts, so only ASCII names round-trip through Python).
 */
export function parseDatasetDiff(bytes: Uint8Array, key?: string): DatasetDiff {
  const r = new BigEndianReader(bytes, 'dataset diff', key)
  const infoUpdated = r.bool('info_updated')
  const renamed = new Map<string, string>()
  for (let i = r.count('renames', 16); i > 0; i--) {
    const oldLength = r.u64('old name length')
    const newLength = r.u64('new name length')
    const oldName = r.utf8(oldLength, 'old name')
    renamed.set(oldName, r.utf8(newLength, 'new name'))
  }
  const deleted: string[] = []
  // Files written before deletions were tracked end after the renames.
  if (r.remaining > 0) {
    for (let i = r.count('deletions', 8); i > 0; i--)
      deleted.push(r.utf8(r.u64('deleted name length'), 'deleted name'))
  }
  return { infoUpdated, renamed, deleted }
}

/** Serializes a dataset diff; name lengths are UTF-8 byte counts (equal to Python's for ASCII). */
export function encodeDatasetDiff(diff: DatasetDiff): Uint8Array {
  const renames = [...diff.renamed].map(([from, to]) => [utf8.encode(from), utf8.encode(to)] as const)
  const deletions = diff.deleted.map((name) => utf8.encode(name))
  let size = 1 + 8 + 8
  for (const [from, to] of renames) size += 16 + from.byteLength + to.byteLength
  for (const name of deletions) size += 8 + name.byteLength
  const w = new BigEndianWriter(size)
  w.bool(diff.infoUpdated)
  w.u64(renames.length)
  for (const [from, to] of renames) {
    w.u64(from.byteLength)
    w.u64(to.byteLength)
    w.raw(from)
    w.raw(to)
  }
  w.u64(deletions.length)
  for (const name of deletions) {
    w.u64(name.byteLength)
    w.raw(name)
  }
  return w.bytes
}
