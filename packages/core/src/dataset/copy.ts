import { ShoalError } from '../errors.js'
import { DATASET_LOCK, DATASET_META, VERSION_CONTROL_INFO } from '../format/keys.js'
import { type CallOptions, isWritable, type StorageProvider } from '../storage/contract.js'
import { createLimiter } from '../storage/remote.js'
import { openStorage } from '../storage/schemes.js'

/** Progress of {@link copyDataset}, reported after each key is copied and verified. */
export interface CopyProgress {
  readonly copiedKeys: number
  readonly totalKeys: number
  readonly copiedBytes: number
  /** The key just copied. */
  readonly key: string
}

/** Options of {@link copyDataset}. */
export interface CopyDatasetOptions extends CallOptions {
  /** Keys copied at once (default 8). */
  readonly concurrency?: number
  /** Called after each key is written and verified. */
  readonly onProgress?: (progress: CopyProgress) => void
  /** Replace a dataset already at the destination (its keys are deleted first). Default false. */
  readonly overwrite?: boolean
  /** Credentials for the source storage (when `src` is a URL); never persisted. */
  readonly srcCreds?: Record<string, unknown>
  /** Credentials for the destination storage (when `dst` is a URL); never persisted. */
  readonly dstCreds?: Record<string, unknown>
}

/** What {@link copyDataset} copied. */
export interface CopyResult {
  readonly keys: number
  readonly bytes: number
}

type Target = string | StorageProvider

/**
 * Copies a dataset, every version and branch included, from one store to another: local folders,
 * `memory://`, or any registered scheme (`s3://`, `gs://`). Each key is read back from the
 * destination and compared byte for byte, and the destination's key list must equal the source's,
 * so a copy that returns is complete. The writer lock of the source is not copied.
 */
export async function copyDataset(
  src: Target,
  dst: Target,
  options: CopyDatasetOptions = {},
): Promise<CopyResult> {
  const { signal } = options
  const source =
    typeof src === 'string' ? await openStorage(src, { readOnly: true, ...creds(options.srcCreds) }) : src
  let target: StorageProvider | undefined
  try {
    target = typeof dst === 'string' ? await openStorage(dst, creds(options.dstCreds)) : dst
    const keys = await sourceKeys(source, signal)
    await prepareTarget(target, options, signal)
    const limit = createLimiter(options.concurrency ?? 8)
    let copiedKeys = 0
    let copiedBytes = 0
    const write = target.set!
    await Promise.all(
      keys.map((key) =>
        limit(async () => {
          signal?.throwIfAborted()
          const bytes = await source.get(key, { signal })
          if (bytes === undefined) {
            throw new ShoalError(
              'NOT_FOUND',
              `"${key}" vanished from ${source.description} during the copy`,
              { key },
            )
          }
          await write(key, bytes, { signal })
          const written = await target!.get(key, { signal })
          if (!written || !sameBytes(bytes, written)) {
            throw new ShoalError(
              'STORAGE',
              `copy verification failed: "${key}" in ${target!.description} differs from the source`,
              { key, expected: `${bytes.byteLength} bytes equal to the source` },
            )
          }
          copiedKeys++
          copiedBytes += bytes.byteLength
          options.onProgress?.({ copiedKeys, totalKeys: keys.length, copiedBytes, key })
        }),
      ),
    )
    await verifyKeySet(keys, target, signal)
    return { keys: copiedKeys, bytes: copiedBytes }
  } finally {
    if (typeof src === 'string') await source.close?.()
    if (typeof dst === 'string') await target?.close?.()
  }
}

const creds = (value: Record<string, unknown> | undefined) => (value ? { creds: value } : {})

async function sourceKeys(source: StorageProvider, signal: AbortSignal | undefined): Promise<string[]> {
  if (!source.list) {
    throw new ShoalError(
      'UNSUPPORTED',
      `cannot copy from ${source.description}: its storage cannot list keys`,
    )
  }
  const keys: string[] = []
  for await (const key of source.list('', { signal })) if (key !== DATASET_LOCK) keys.push(key)
  if (!keys.includes(DATASET_META) && !keys.includes(VERSION_CONTROL_INFO)) {
    throw new ShoalError('NOT_FOUND', `there is no dataset at ${source.description}`, {
      expected: `${VERSION_CONTROL_INFO} or ${DATASET_META}`,
    })
  }
  return keys.sort()
}

async function prepareTarget(target: StorageProvider, options: CopyDatasetOptions, signal?: AbortSignal) {
  if (!isWritable(target)) {
    throw new ShoalError('READ_ONLY', `cannot copy into ${target.description}: the storage is read-only`)
  }
  const existing: string[] = []
  if (target.list) for await (const key of target.list('', { signal })) existing.push(key)
  if (existing.length === 0) return
  const isDataset = existing.includes(DATASET_META) || existing.includes(VERSION_CONTROL_INFO)
  if (!options.overwrite) {
    throw new ShoalError(
      'ALREADY_EXISTS',
      `${target.description} is not empty${isDataset ? ' (it holds a dataset)' : ''}; pass { overwrite: true } to replace it`,
    )
  }
  if (!target.delete)
    throw new ShoalError('UNSUPPORTED', `cannot overwrite ${target.description}: it cannot delete keys`)
  const remove = target.delete
  const limit = createLimiter(options.concurrency ?? 8)
  await Promise.all(existing.map((key) => limit(() => remove(key, { signal }))))
}

async function verifyKeySet(keys: readonly string[], target: StorageProvider, signal?: AbortSignal) {
  if (!target.list) return
  const written = new Set<string>()
  for await (const key of target.list('', { signal })) written.add(key)
  const missing = keys.filter((key) => !written.has(key))
  if (missing.length > 0 || written.size !== keys.length) {
    throw new ShoalError(
      'STORAGE',
      `copy verification failed: ${target.description} lists ${written.size} keys, the source ${keys.length}` +
        (missing.length ? `; missing ${missing.slice(0, 5).join(', ')}` : ''),
      { expected: `${keys.length} keys` },
    )
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  )
}
