import {
  type ByteRange,
  type CallOptions,
  checkRange,
  createCounters,
  createLimiter,
  normalizeKey,
  normalizePrefix,
  raceAbort,
  resolveRange,
  ShoalError,
  type StorageCounters,
  type StorageProvider,
  withRetries,
} from '@shoal/core/plugin'
import { createClient } from './client.js'
import { isMissing, isRetryable, statusOf, storageError } from './errors.js'
import type { GcsStorageOptions } from './options.js'

/** A GCS store: the storage contract plus counters and a bulk delete. */
export type GcsStorage = StorageProvider &
  Required<Pick<StorageProvider, 'getRange' | 'set' | 'delete' | 'list'>> & {
    /** Requests sent (retries included) and payload bytes moved, since creation. */
    readonly counters: StorageCounters
    /** Deletes many keys, `maxConcurrency` requests at a time. Missing keys are fine. */
    deleteMany(keys: Iterable<string>, options?: CallOptions): Promise<void>
  }

const MISSING = Symbol('missing')
const EMPTY = Symbol('empty')

/**
 * Storage on Google Cloud Storage (or an emulator), rooted at `gs://bucket/prefix`. The SDK is
 * imported on the first call unless `client` is given. Every call is bounded by `maxConcurrency`,
 * retried with backoff and jitter on 429, 5xx and dropped connections, and abortable.
 */
export function createGcsStorage(options: GcsStorageOptions): GcsStorage {
  const { bucket: bucketName } = options
  if (typeof bucketName !== 'string' || bucketName === '') {
    throw new ShoalError('INVALID_ARGUMENT', 'createGcsStorage needs a bucket name')
  }
  const root = normalizePrefix(options.prefix ?? '')
    .replace(/\/?$/, '/')
    .replace(/^\/$/, '')
  const limit = createLimiter(options.maxConcurrency ?? 16)
  const counters = createCounters()
  const pageSize = options.pageSize ?? 1000
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's Bucket type is only known after the lazy import
  let bucketPromise: Promise<any> | undefined
  const bucket = () => {
    bucketPromise ??= (options.client ? Promise.resolve(options.client) : createClient(options)).then(
      (client) => client.bucket(bucketName),
    )
    return bucketPromise
  }

  /** One SDK call, limited, counted and retried; `path` is only for messages. */
  async function call<T>(
    // biome-ignore lint/suspicious/noExplicitAny: see above
    run: (bucket: any) => Promise<T>,
    action: string,
    path: string,
    callOptions: CallOptions | undefined,
    onError?: (error: unknown) => T | undefined,
  ): Promise<T> {
    const signal = callOptions?.signal
    signal?.throwIfAborted()
    const target = await bucket()
    try {
      return await withRetries(
        () =>
          limit(async () => {
            signal?.throwIfAborted()
            counters.requests++
            try {
              // The SDK takes no AbortSignal: the caller stops waiting, the request finishes alone.
              return await raceAbort(run(target), signal)
            } catch (error) {
              if (signal?.aborted) throw error
              const handled = onError?.(error)
              if (handled !== undefined) return handled
              throw error
            }
          }),
        { ...options.retry, isRetryable, signal, onRetry: () => counters.retries++ },
      )
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      throw storageError(error, action, bucketName, path)
    }
  }

  async function read(
    key: string,
    range: { start?: number; end: number } | undefined,
    callOptions?: CallOptions,
  ) {
    const path = root + key
    const result = await call<Uint8Array | typeof MISSING | typeof EMPTY>(
      async (b) => {
        const [buffer] = (await b.file(path).download({ validation: false, ...range })) as [Buffer]
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
      },
      'read',
      path,
      callOptions,
      (error) => (isMissing(error) ? MISSING : range && statusOf(error) === 416 ? EMPTY : undefined),
    )
    if (result === MISSING) return undefined
    if (result === EMPTY) return new Uint8Array(0)
    counters.bytesRead += result.byteLength
    return result
  }

  async function exists(key: string, callOptions?: CallOptions): Promise<boolean> {
    const path = root + key
    const found = await call<unknown>(
      (b) => b.file(path).getMetadata(),
      'inspect',
      path,
      callOptions,
      (error) => (isMissing(error) ? MISSING : undefined),
    )
    return found !== MISSING
  }

  const store: GcsStorage = {
    specVersion: 1,
    description: `gs://${bucketName}/${root}`,
    counters,

    async get(key, callOptions) {
      return read(normalizeKey(key), undefined, callOptions)
    },

    async getRange(key: string, range: ByteRange, callOptions?: CallOptions) {
      const normalized = normalizeKey(key)
      checkRange(range)
      const count = 'suffix' in range ? range.suffix : range.length
      // An empty HTTP range is not expressible; still tell a missing key from an existing one.
      if (count === 0) return (await exists(normalized, callOptions)) ? new Uint8Array(0) : undefined
      const span =
        'suffix' in range
          ? { end: -range.suffix }
          : { start: range.offset, end: range.offset + range.length - 1 }
      let bytes = await read(normalized, span, callOptions)
      if (bytes === undefined) return undefined
      // 416 on a suffix longer than the object: read it whole.
      if ('suffix' in range && bytes.byteLength === 0) bytes = await read(normalized, undefined, callOptions)
      if (bytes === undefined) return undefined
      // A server that ignores Range sends the whole object: cut the range out here.
      if ('suffix' in range ? bytes.byteLength > range.suffix : bytes.byteLength > range.length) {
        const { start, end } = resolveRange(range, bytes.byteLength)
        return bytes.subarray(start, end)
      }
      return bytes
    },

    async set(key, bytes, callOptions) {
      const path = root + normalizeKey(key)
      // A copy: the caller may reuse its buffer while a retry is still sending.
      const body = Buffer.from(bytes)
      await call(
        (b) =>
          b
            .file(path)
            .save(body, { resumable: false, validation: false, contentType: 'application/octet-stream' }),
        'write',
        path,
        callOptions,
      )
      counters.bytesWritten += body.byteLength
    },

    async delete(key, callOptions) {
      const path = root + normalizeKey(key)
      await call(
        (b) => b.file(path).delete(),
        'delete',
        path,
        callOptions,
        (error) => (isMissing(error) ? true : undefined),
      )
    },

    async deleteMany(keys, callOptions) {
      await Promise.all([...keys].map((key) => store.delete(key, callOptions)))
    },

    async *list(prefix, callOptions) {
      const path = root + normalizePrefix(prefix)
      let pageToken: string | undefined
      do {
        const [files, next] = await call<[Array<{ name: string }>, { pageToken?: string } | null]>(
          (b) =>
            b.getFiles({
              prefix: path,
              maxResults: pageSize,
              autoPaginate: false,
              ...(pageToken ? { pageToken } : {}),
            }),
          'list',
          path,
          callOptions,
        )
        for (const file of files) {
          if (file.name.startsWith(root)) yield file.name.slice(root.length)
        }
        pageToken = next?.pageToken
      } while (pageToken)
    },
  }
  return store
}
