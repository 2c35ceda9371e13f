import { invalidMetadata } from './fail.js'
import { FieldReader, jsonBytes, parseJsonObject } from './json-file.js'
import { FIRST_COMMIT_ID, VERSION_CONTROL_INFO } from './keys.js'
import { PythonFloat, pythonJson } from './python-json.js'

/** One node of the commit tree (spec §1.4). A head node has `time === null`. */
export interface CommitNode {
  id: string
  branch: string
  parent: string | null
  children: string[]
  message: string | null
  /** Seconds as Python stored them (see the spec's time-zone quirk); null for a head node. */
  time: number | null
  userName: string | null
  isCheckpoint: boolean
  totalSamplesProcessed: number
}

/** `version_control_info.json`: commits and branch heads, in file order. */
export interface VersionControlInfo {
  commits: Map<string, CommitNode>
  /** Branch name → id of its head node. */
  branches: Map<string, string>
}

/**
 * Parses `version_control_info.json`, keeping file order. `is_checkpoint` and
 * `total_samples_processed` default to false / 0. INVALID_METADATA naming `key` for malformed
 * files, including branches that point at unknown commits.
 */
export function parseVersionControlInfo(
  bytes: Uint8Array,
  key: string = VERSION_CONTROL_INFO,
): VersionControlInfo {
  const f = new FieldReader(parseJsonObject(bytes, key), key)
  const commits = new Map<string, CommitNode>()
  for (const [id, raw] of Object.entries(f.record('commits'))) commits.set(id, commitFromJson(id, raw, key))
  const branches = new Map<string, string>()
  for (const [branch, head] of Object.entries(f.record('branches'))) {
    if (typeof head !== 'string' || !commits.has(head)) {
      throw invalidMetadata(
        `branch "${branch}" points at ${JSON.stringify(head)}, which is not a known commit`,
        key,
        {
          expected: 'branches mapping to commit ids listed in "commits"',
        },
      )
    }
    branches.set(branch, head)
  }
  return { commits, branches }
}

function commitFromJson(id: string, raw: unknown, key: string | undefined): CommitNode {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidMetadata(`commit "${id}" must be an object`, key, { expected: 'a commit record object' })
  }
  const f = new FieldReader(raw as Record<string, unknown>, key)
  return {
    id,
    branch: f.string('branch'),
    parent: f.stringOrNull('parent'),
    children: f.strings('children', []),
    message: f.stringOrNull('commit_message'),
    time: f.numberOrNull('commit_time'),
    userName: f.stringOrNull('commit_user_name'),
    isCheckpoint: f.bool('is_checkpoint', false),
    totalSamplesProcessed: f.count('total_samples_processed', 0),
  }
}

/** `version_control_info.json` bytes as Python writes them (compact, file order). */
export function serializeVersionControlInfo(info: VersionControlInfo): Uint8Array {
  const commits = new Map<string, unknown>()
  for (const [id, node] of info.commits) {
    commits.set(
      id,
      new Map<string, unknown>([
        ['branch', node.branch],
        ['parent', node.parent],
        ['children', node.children],
        ['commit_message', node.message],
        ['commit_time', pythonTime(node.time)],
        ['commit_user_name', node.userName],
        ['is_checkpoint', node.isCheckpoint],
        ['total_samples_processed', node.totalSamplesProcessed],
      ]),
    )
  }
  return jsonBytes(
    pythonJson(
      new Map<string, unknown>([
        ['commits', commits],
        ['branches', info.branches],
      ]),
    ),
  )
}

// Python stores commit times as floats, so 5 must be written 5.0.
function pythonTime(time: number | null): PythonFloat | null {
  return time === null ? null : new PythonFloat(time)
}

/** A fresh dataset: one head commit, FIRST, on `main` (spec §1.4, verbatim). */
export function firstCommitInfo(): VersionControlInfo {
  const node: CommitNode = {
    id: FIRST_COMMIT_ID,
    branch: 'main',
    parent: null,
    children: [],
    message: null,
    time: null,
    userName: null,
    isCheckpoint: false,
    totalSamplesProcessed: 0,
  }
  return { commits: new Map([[FIRST_COMMIT_ID, node]]), branches: new Map([['main', FIRST_COMMIT_ID]]) }
}

/**
 * `commitId` and its ancestors, nearest first: commit, parent, …, root (FIRST). INVALID_METADATA
 * when a commit on the way is unknown or the parent links loop.
 */
export function ancestors(info: VersionControlInfo, commitId: string): string[] {
  const chain: string[] = []
  const seen = new Set<string>()
  let current: string | null = commitId
  while (current !== null) {
    const node = info.commits.get(current)
    if (!node) {
      const via = chain.length === 0 ? '' : ` (parent of "${chain[chain.length - 1]}")`
      throw invalidMetadata(`commit "${current}"${via} is not in the commit tree`, VERSION_CONTROL_INFO)
    }
    if (seen.has(current))
      throw invalidMetadata(`the parents of commit "${commitId}" form a loop`, VERSION_CONTROL_INFO)
    seen.add(current)
    chain.push(current)
    current = node.parent
  }
  return chain
}

/** `commit_info.json` text for one commit, in Python's field order (compact). */
export function commitInfoJson(node: CommitNode): string {
  return pythonJson(
    new Map<string, unknown>([
      ['branch', node.branch],
      ['children', node.children],
      ['parent', node.parent],
      ['commit_message', node.message],
      ['commit_time', pythonTime(node.time)],
      ['commit_user_name', node.userName],
      ['is_checkpoint', node.isCheckpoint],
      ['total_samples_processed', node.totalSamplesProcessed],
    ]),
  )
}

/** `commit_info.json` bytes for one commit. */
export function serializeCommitInfo(node: CommitNode): Uint8Array {
  return jsonBytes(commitInfoJson(node))
}

/** Parses `commit_info.json` of commit `id`. */
export function parseCommitInfo(bytes: Uint8Array, id: string, key?: string): CommitNode {
  return commitFromJson(id, parseJsonObject(bytes, key), key)
}
