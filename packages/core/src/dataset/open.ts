import type { CompressionCodec } from '../codec/contract.js'
import { codecMap } from '../codec/registry.js'
import { isShoalError, ShoalError } from '../errors.js'
import { decodeCustomJson } from '../format/custom-json.js'
import { parseDatasetMeta } from '../format/dataset-meta.js'
import { parseJsonObject } from '../format/json-file.js'
import { commitPath, DATASET_INFO, DATASET_META, LINKED_CREDS, VERSION_CONTROL_INFO } from '../format/keys.js'
import { parseLinkedCreds } from '../format/linked-creds.js'
import type { HtypeDefinition } from '../htype/contract.js'
import { isWritable, type StorageProvider } from '../storage/contract.js'
import { openStorage } from '../storage/schemes.js'
import { type CredsKeys, DatasetWriter } from '../write/dataset-writer.js'
import { Dataset } from './dataset.js'
import { readTensorFiles, type TensorFiles } from './tensor-files.js'
import { readVersionControl, resolveVersion } from './version.js'

/** Options of {@link openDataset}. */
export interface OpenDatasetOptions {
  /**
   * Open without write access. Default false: the dataset is writable at a branch head, and the
   * writer lock is taken at the first change, so opening for reading never needs write access.
   */
  readonly readOnly?: boolean
  /** A branch name or commit id; default: the head of `main`. */
  readonly version?: string
  /** Htype definitions to use for this dataset besides the registered ones. */
  readonly htypes?: readonly HtypeDefinition[]
  /** Compression codecs to use for this dataset besides the registered ones. */
  readonly codecs?: readonly CompressionCodec[]
  /** A storage provider to use instead of resolving `url`. */
  readonly storage?: StorageProvider
  /** Credentials for the dataset's own storage (never persisted). */
  readonly creds?: Record<string, unknown>
  /** Byte budget of the decoded-chunk cache (default 32 MB). */
  readonly cacheBytes?: number
  /** Folder that relative link paths resolve against (default: the working directory). */
  readonly linkBase?: string
  /** @internal With `storage`: close it when the dataset closes (createDataset opened it). */
  readonly ownsStorage?: boolean
}

// Two default-size chunks: a scan needs the current one and the one read ahead; random reads
// fetch single samples by range and do not fill it. Raise it for workloads that revisit chunks.
const DEFAULT_CACHE_BYTES = 32_000_000

/**
 * Opens a Deep Lake 3.x dataset. `url` is a local path, `file://…`, `memory://…`, or a URL whose
 * scheme a storage plugin registered (`s3://…` with @shoal/storage-s3).
 */
export async function openDataset(url: string, options: OpenDatasetOptions = {}): Promise<Dataset> {
  const readOnly = options.readOnly ?? false
  const storage =
    options.storage ??
    (await openStorage(url, { readOnly, ...(options.creds ? { creds: options.creds } : {}) }))
  try {
    const info = await readVersionControl(storage)
    const version = resolveVersion(info, options.version)
    const metaKey = commitPath(version.commit, DATASET_META)
    const metaBytes = await storage.get(metaKey)
    if (!metaBytes) {
      const hasVc = (await storage.get(VERSION_CONTROL_INFO)) !== undefined
      throw new ShoalError(
        'NOT_FOUND',
        hasVc
          ? `dataset at "${url}" has no "${metaKey}" for version ${version.commit}`
          : `no Deep Lake dataset at "${url}" (no ${DATASET_META} or ${VERSION_CONTROL_INFO})`,
        {
          key: metaKey,
          // A named memory store is shared within a process only: another process sees it empty.
          ...(!hasVc && url.startsWith('memory://')
            ? {
                hint: 'a memory:// dataset lives only inside the process that made it; use a folder to keep it',
              }
            : {}),
        },
      )
    }
    const meta = parseDatasetMeta(metaBytes, metaKey)
    const [tensors, datasetInfo, linkedCreds] = await Promise.all([
      readAllTensors(storage, version.commit, meta.tensors),
      readDatasetInfo(storage, commitPath(version.commit, DATASET_INFO)),
      readLinkedCreds(storage),
    ])
    const atHead =
      version.info.commits.get(version.commit)?.time === null || !version.info.commits.has(version.commit)
    const writable = !readOnly && atHead && isWritable(storage)
    const writer = writable
      ? new DatasetWriter(storage, url, version.commit, meta, linkedCreds, datasetInfo)
      : undefined
    return new Dataset({
      url,
      storage,
      ownsStorage: options.storage === undefined || options.ownsStorage === true,
      ...(writer ? { writer } : {}),
      version,
      meta,
      info: datasetInfo,
      tensors,
      credsKeys: linkedCreds.credsKeys,
      htypes: new Map((options.htypes ?? []).map((h) => [h.name, h])),
      codecs: codecMap(options.codecs),
      cacheBytes: options.cacheBytes ?? DEFAULT_CACHE_BYTES,
      ...(options.linkBase === undefined ? {} : { linkBase: options.linkBase }),
    })
  } catch (error) {
    if (options.storage === undefined || options.ownsStorage) await storage.close?.()
    throw error
  }
}

async function readAllTensors(
  storage: StorageProvider,
  commit: string,
  keys: readonly string[],
): Promise<Map<string, TensorFiles | ShoalError>> {
  const entries = await Promise.all(
    keys.map(async (key): Promise<[string, TensorFiles | ShoalError]> => {
      try {
        return [key, await readTensorFiles(storage, commit, key)]
      } catch (error) {
        // A broken tensor fails when it is used, so the rest of the dataset stays readable.
        if (isShoalError(error)) return [key, error]
        throw error
      }
    }),
  )
  return new Map(entries)
}

async function readDatasetInfo(storage: StorageProvider, key: string): Promise<Record<string, unknown>> {
  const bytes = await storage.get(key)
  return bytes ? (decodeCustomJson(parseJsonObject(bytes, key)) as Record<string, unknown>) : {}
}

async function readLinkedCreds(storage: StorageProvider): Promise<CredsKeys> {
  const bytes = await storage.get(LINKED_CREDS)
  return bytes
    ? parseLinkedCreds(bytes, LINKED_CREDS)
    : { credsKeys: [], managedCredsKeys: [], usedCredsKeys: [] }
}
