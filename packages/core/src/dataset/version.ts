import { ShoalError } from '../errors.js'
import { FIRST_COMMIT_ID, VERSION_CONTROL_INFO } from '../format/keys.js'
import {
  ancestors,
  firstCommitInfo,
  parseVersionControlInfo,
  type VersionControlInfo,
} from '../format/version-control.js'
import type { StorageProvider } from '../storage/contract.js'

/** A commit as the dataset API reports it. */
export interface CommitRecord {
  readonly id: string
  readonly branch: string
  readonly message: string | null
  /** Seconds since the epoch as Python stored it (see spec §1.4 on its time-zone quirk). */
  readonly time: number | null
  readonly author: string | null
}

/** The version-control state a dataset is opened at. */
export interface ResolvedVersion {
  readonly info: VersionControlInfo
  readonly commit: string
  /** The commit and its ancestors, nearest first, ending with FIRST. */
  readonly chain: readonly string[]
  readonly branch: string
}

/** Reads version_control_info.json (absent → a single FIRST commit on main). */
export async function readVersionControl(storage: StorageProvider): Promise<VersionControlInfo> {
  const bytes = await storage.get(VERSION_CONTROL_INFO)
  return bytes ? parseVersionControlInfo(bytes, VERSION_CONTROL_INFO) : firstCommitInfo()
}

/** Resolves `version` (a branch name or commit id; default: head of main). */
export function resolveVersion(info: VersionControlInfo, version?: string): ResolvedVersion {
  const wanted = version ?? 'main'
  const commit = info.branches.get(wanted) ?? (info.commits.has(wanted) ? wanted : undefined)
  if (commit === undefined) {
    if (version === undefined && info.commits.has(FIRST_COMMIT_ID)) return at(info, FIRST_COMMIT_ID)
    throw new ShoalError(
      'NOT_FOUND',
      `version "${wanted}" is neither a branch nor a commit of this dataset; branches: ${[...info.branches.keys()].join(', ')}`,
      { key: VERSION_CONTROL_INFO, expected: 'a branch name or a commit id' },
    )
  }
  return at(info, commit)
}

function at(info: VersionControlInfo, commit: string): ResolvedVersion {
  return { info, commit, chain: ancestors(info, commit), branch: info.commits.get(commit)?.branch ?? 'main' }
}

/** The committed history of the checked-out commit, newest first (like Python's `ds.commits`). */
export function commitHistory(version: ResolvedVersion): CommitRecord[] {
  const out: CommitRecord[] = []
  for (const id of version.chain) {
    const node = version.info.commits.get(id)
    if (!node || node.time === null) continue
    out.push({ id, branch: node.branch, message: node.message, time: node.time, author: node.userName })
  }
  return out
}
