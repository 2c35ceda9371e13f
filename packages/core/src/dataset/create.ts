import { ShoalError } from '../errors.js'
import { serializeDatasetMeta } from '../format/dataset-meta.js'
import { DATASET_META, FIRST_COMMIT_ID, FORMAT_VERSION, VERSION_CONTROL_INFO } from '../format/keys.js'
import { firstCommitInfo, serializeVersionControlInfo } from '../format/version-control.js'
import { isWritable, type StorageProvider } from '../storage/contract.js'
import { openStorage } from '../storage/schemes.js'
import { acquireLock } from '../write/lock.js'
import type { Dataset } from './dataset.js'
import { type OpenDatasetOptions, openDataset } from './open.js'

/** Options of {@link createDataset}. */
export interface CreateDatasetOptions extends Omit<OpenDatasetOptions, 'readOnly' | 'version'> {
  /** Replace a dataset that already exists at `url` (its files are deleted). Default false. */
  readonly overwrite?: boolean
}

/**
 * Creates an empty Deep Lake 3.x dataset at `url` (first commit on `main`) and opens it for writing.
 * Fails with ALREADY_EXISTS when a dataset is there, unless `overwrite` is set.
 */
export async function createDataset(url: string, options: CreateDatasetOptions = {}): Promise<Dataset> {
  const storage = options.storage ?? (await openStorage(url, options.creds ? { creds: options.creds } : {}))
  try {
    if (!isWritable(storage))
      throw new ShoalError('READ_ONLY', `cannot create a dataset at "${url}": the storage is read-only`)
    const exists =
      (await storage.get(VERSION_CONTROL_INFO)) !== undefined ||
      (await storage.get(DATASET_META)) !== undefined
    if (exists && !options.overwrite) {
      throw new ShoalError(
        'ALREADY_EXISTS',
        `a dataset already exists at "${url}"; pass { overwrite: true } to replace it`,
        {
          key: VERSION_CONTROL_INFO,
        },
      )
    }
    if (exists) await wipe(storage, url)
    const info = firstCommitInfo()
    await storage.set!(
      DATASET_META,
      serializeDatasetMeta({
        tensors: [],
        tensorNames: {},
        hiddenTensors: [],
        groups: [],
        version: FORMAT_VERSION,
        allowDelete: true,
        defaultIndex: [{ start: null, step: null, stop: null }],
        extra: {},
      }),
    )
    await storage.set!(VERSION_CONTROL_INFO, serializeVersionControlInfo(info))
  } catch (error) {
    if (!options.storage) await storage.close?.()
    throw error
  }
  return openDataset(url, {
    ...options,
    storage,
    readOnly: false,
    ownsStorage: options.storage === undefined,
  })
}

/** Deletes every key of the dataset, after making sure no other writer holds it. */
async function wipe(storage: StorageProvider, url: string): Promise<void> {
  const lock = await acquireLock(storage, FIRST_COMMIT_ID, url)
  if (!storage.list || !storage.delete) {
    throw new ShoalError('UNSUPPORTED', `cannot overwrite "${url}": its storage cannot list or delete keys`)
  }
  const keys: string[] = []
  for await (const key of storage.list('')) keys.push(key)
  for (const key of keys) await storage.delete(key)
  await lock.release()
}
