import {
  type ByteRange,
  type CallOptions,
  checkRange,
  createCounters,
  createLimiter,
  normalizeKey,
  normalizePrefix,
  resolveRange,
  ShoalError,
  type StorageCounters,
  type StorageProvider,
  withRetries,
} from '@shoal/core/plugin'
import { createClient, loadSdk, type S3Sdk } from './client.js'
import { isMissing, isRetryable, statusOf, storageError } from './errors.js'
import type { S3ClientLike, S3StorageOptions } from './options.js'

/** An S3 store: the storage contract plus counters and a batched delete. */
export type S3Storage = StorageProvider &
  Required<Pick<StorageProvider, 'getRange' | 'set' | 'delete' | 'list' | 'close'>> & {
    /** Requests sent (retries included) and payload bytes moved, since the store was created. */
    readonly counters: StorageCounters
    /** Deletes many keys with DeleteObjects, up to 1000 per request. Missing keys are fine. */
    deleteMany(keys: Iterable<string>, options?: CallOptions): Promise<void>
  }

// S3 accepts at most 1000 keys per DeleteObjects request.
const DELETE_BATCH = 1000

/**
 * Storage on Amazon S3 or an S3-compatible server, rooted at `s3://bucket/prefix`. The SDK is
 * imported on the first call unless `client` is given. Every call is bounded by `maxConcurrency`,
 * retried with backoff and jitter on throttling, 5xx and dropped connections, and abortable.
 */
export function createS3Storage(options: S3StorageOptions): S3Storage {
  const { bucket } = options
  if (typeof bucket !== 'string' || bucket === '') {
    throw new ShoalError('INVALID_ARGUMENT', 'createS3Storage needs a bucket name')
  }
  const root = normalizePrefix(options.prefix ?? '')
    .replace(/\/?$/, '/')
    .replace(/^\/$/, '')
  const limit = createLimiter(options.maxConcurrency ?? 16)
  const counters = createCounters()
  const pageSize = options.pageSize ?? 1000
  let ready: Promise<{ sdk: S3Sdk; client: S3ClientLike }> | undefined
  let ownsClient = false

  const connect = () => {
    ready ??= loadSdk().then(async (sdk) => {
      if (options.client) return { sdk, client: options.client }
      ownsClient = true
      return { sdk, client: await createClient(options, sdk) }
    })
    return ready
  }

  /** One S3 command, limited, counted and retried; `key` is only for messages. */
  async function send<T>(
    build: (sdk: S3Sdk) => unknown,
    action: string,
    key: string,
    call: CallOptions | undefined,
    onError?: (error: unknown) => T | undefined,
  ): Promise<T> {
    const signal = call?.signal
    signal?.throwIfAborted()
    const { sdk, client } = await connect()
    try {
      return await withRetries(
        () =>
          limit(async () => {
            signal?.throwIfAborted()
            counters.requests++
            try {
              return (await client.send(build(sdk), signal ? { abortSignal: signal } : undefined)) as T
            } catch (error) {
              const handled = onError?.(error)
              if (handled !== undefined) return handled
              throw error
            }
          }),
        { ...options.retry, isRetryable, signal, onRetry: () => counters.retries++ },
      )
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      throw storageError(error, action, bucket, key)
    }
  }

  const MISSING = Symbol('missing')
  const EMPTY = Symbol('empty')
  type Body = { Body?: { transformToByteArray(): Promise<Uint8Array> } }

  async function read(key: string, range: string | undefined, call?: CallOptions) {
    const path = root + key
    const result = await send<Body | typeof MISSING | typeof EMPTY>(
      (sdk) => new sdk.GetObjectCommand({ Bucket: bucket, Key: path, ...(range ? { Range: range } : {}) }),
      'read',
      path,
      call,
      (error) => (isMissing(error) ? MISSING : range && statusOf(error) === 416 ? EMPTY : undefined),
    )
    if (result === MISSING) return undefined
    if (result === EMPTY) return new Uint8Array(0)
    const bytes = (await result.Body?.transformToByteArray()) ?? new Uint8Array(0)
    counters.bytesRead += bytes.byteLength
    return bytes
  }

  async function exists(key: string, call?: CallOptions): Promise<boolean> {
    const path = root + key
    const found = await send<unknown>(
      (sdk) => new sdk.HeadObjectCommand({ Bucket: bucket, Key: path }),
      'inspect',
      path,
      call,
      (error) => (isMissing(error) ? MISSING : undefined),
    )
    return found !== MISSING
  }

  const store: S3Storage = {
    specVersion: 1,
    description: `s3://${bucket}/${root}`,
    counters,

    async get(key, call) {
      return read(normalizeKey(key), undefined, call)
    },

    async getRange(key: string, range: ByteRange, call?: CallOptions) {
      const normalized = normalizeKey(key)
      checkRange(range)
      const count = 'suffix' in range ? range.suffix : range.length
      // An empty HTTP range is not expressible; still tell a missing key from an existing one.
      if (count === 0) return (await exists(normalized, call)) ? new Uint8Array(0) : undefined
      const header =
        'suffix' in range
          ? `bytes=-${range.suffix}`
          : `bytes=${range.offset}-${range.offset + range.length - 1}`
      let bytes = await read(normalized, header, call)
      if (bytes === undefined) return undefined
      // 416 on a suffix longer than the object (some S3-compatible servers): read it whole.
      if ('suffix' in range && bytes.byteLength === 0) bytes = await read(normalized, undefined, call)
      if (bytes === undefined) return undefined
      // A server that ignores Range sends the whole object: cut the range out here.
      if ('suffix' in range ? bytes.byteLength > range.suffix : bytes.byteLength > range.length) {
        const { start, end } = resolveRange(range, bytes.byteLength)
        return bytes.subarray(start, end)
      }
      return bytes
    },

    async set(key, bytes, call) {
      const path = root + normalizeKey(key)
      // A copy: the caller may reuse its buffer while a retry is still sending.
      const body = Buffer.from(bytes)
      await send(
        (sdk) =>
          new sdk.PutObjectCommand({ Bucket: bucket, Key: path, Body: body, ContentLength: body.byteLength }),
        'write',
        path,
        call,
      )
      counters.bytesWritten += body.byteLength
    },

    async delete(key, call) {
      const path = root + normalizeKey(key)
      await send(
        (sdk) => new sdk.DeleteObjectCommand({ Bucket: bucket, Key: path }),
        'delete',
        path,
        call,
        (error) => (isMissing(error) ? true : undefined),
      )
    },

    async deleteMany(keys, call) {
      const paths = [...keys].map((key) => root + normalizeKey(key))
      const batches: string[][] = []
      for (let i = 0; i < paths.length; i += DELETE_BATCH) batches.push(paths.slice(i, i + DELETE_BATCH))
      await Promise.all(
        batches.map(async (batch) => {
          const result = await send<{ Errors?: Array<{ Key?: string; Code?: string }> }>(
            (sdk) =>
              new sdk.DeleteObjectsCommand({
                Bucket: bucket,
                Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
              }),
            'delete',
            batch[0]!,
            call,
          )
          const failed = result.Errors?.find((error) => error.Code !== 'NoSuchKey')
          if (failed) {
            throw new ShoalError(
              'STORAGE',
              `cannot delete s3://${bucket}/${failed.Key ?? ''}: ${failed.Code ?? 'unknown error'}`,
              { key: failed.Key ?? '' },
            )
          }
        }),
      )
    },

    async *list(prefix, call) {
      const path = root + normalizePrefix(prefix)
      let token: string | undefined
      do {
        const page = await send<{
          Contents?: Array<{ Key?: string }>
          IsTruncated?: boolean
          NextContinuationToken?: string
        }>(
          (sdk) =>
            new sdk.ListObjectsV2Command({
              Bucket: bucket,
              Prefix: path,
              MaxKeys: pageSize,
              ...(token ? { ContinuationToken: token } : {}),
            }),
          'list',
          path,
          call,
        )
        for (const item of page.Contents ?? []) {
          if (item.Key?.startsWith(root)) yield item.Key.slice(root.length)
        }
        // Never stop silently on a truncated page that has no way to continue.
        if (page.IsTruncated && !page.NextContinuationToken) {
          throw new ShoalError(
            'STORAGE',
            `listing s3://${bucket}/${path} was truncated without a continuation token`,
            {
              key: path,
            },
          )
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
    },

    async close() {
      if (ownsClient) (await ready)?.client.destroy?.()
      ready = undefined
    },
  }
  return store
}
