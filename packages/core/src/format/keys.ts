/**
 * Storage keys of the Deep Lake 3.x layout (spec §1). Keys are `/`-separated paths relative to the
 * dataset root; nothing here touches storage.
 */

/** The id of the root commit; its data lives at the dataset root rather than under `versions/`. */
export const FIRST_COMMIT_ID = 'firstdbf9474d461a19e9333c2fd19b46115348f'

/**
 * The deeplake version string written into every file we produce. Python parses versions with
 * `int()` per component, so this must stay a plain dotted-integer 3.x version.
 */
export const FORMAT_VERSION = '3.9.52'

/** `P(c, k)` of the spec: `key` itself for the first commit, else `versions/<commitId>/<key>`. */
export function commitPath(commitId: string, key: string): string {
  return commitId === FIRST_COMMIT_ID ? key : `versions/${commitId}/${key}`
}

/** Commit-scoped list of tensors and groups (pretty JSON). */
export const DATASET_META = 'dataset_meta.json'
/** Root-level commit tree and branch heads (compact JSON). */
export const VERSION_CONTROL_INFO = 'version_control_info.json'
/** Commit-scoped user dict `ds.info` (pretty JSON). */
export const DATASET_INFO = 'dataset_info.json'
/** Root-level names of credential slots for link tensors (compact JSON). */
export const LINKED_CREDS = 'linked_creds.json'
/** Commit-scoped writer lock (binary, §1.8). */
export const DATASET_LOCK = 'dataset_lock.lock'
/** Commit-scoped record of one commit (compact JSON). */
export const COMMIT_INFO = 'commit_info.json'
/** Commit-scoped rename/delete log (binary, big-endian, §3.7). */
export const DATASET_DIFF = 'dataset_diff'

/** Keys of the files inside a tensor folder, as functions of the tensor key (spec §1.2.1). */
export const tensorFiles = {
  meta: (tensor: string): string => `${tensor}/tensor_meta.json`,
  info: (tensor: string): string => `${tensor}/tensor_info.json`,
  chunk: (tensor: string, chunkName: string): string => `${tensor}/chunks/${chunkName}`,
  chunkIndex: (tensor: string): string => `${tensor}/chunks_index/unsharded`,
  tileIndex: (tensor: string): string => `${tensor}/tiles_index/unsharded`,
  sequenceIndex: (tensor: string): string => `${tensor}/sequence_index/unsharded`,
  credsIndex: (tensor: string): string => `${tensor}/creds_index/unsharded`,
  padIndex: (tensor: string): string => `${tensor}/pad_index/unsharded`,
  commitDiff: (tensor: string): string => `${tensor}/commit_diff`,
  chunkSet: (tensor: string): string => `${tensor}/chunk_set`,
} as const
