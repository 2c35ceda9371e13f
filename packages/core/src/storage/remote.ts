/**
 * Building blocks for network storage providers (S3, GCS, …): a concurrency limiter, retries with
 * backoff and jitter, and request counters. Backends decide what is retryable; these only run it.
 */

/** Request counters a remote provider exposes, so tests and benchmarks can assert on them. */
export interface StorageCounters {
  /** Requests sent, retries included. */
  requests: number
  /** Requests that were retries of a failed one. */
  retries: number
  /** Payload bytes received. */
  bytesRead: number
  /** Payload bytes sent. */
  bytesWritten: number
}

/** A fresh set of zeroed counters. */
export function createCounters(): StorageCounters {
  return { requests: 0, retries: 0, bytesRead: 0, bytesWritten: 0 }
}

/** Runs at most `limit` tasks at once; the rest wait in call order. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`)
  let active = 0
  const waiting: Array<() => void> = []
  const release = () => {
    active--
    waiting.shift()?.()
  }
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    active++
    try {
      return await task()
    } finally {
      release()
    }
  }
}

/** How {@link withRetries} retries. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 4). */
  readonly retries?: number
  /** First backoff in milliseconds, doubled per retry (default 100). */
  readonly baseDelayMs?: number
  /** Longest backoff in milliseconds (default 5000). */
  readonly maxDelayMs?: number
}

/**
 * Runs `attempt` until it succeeds, fails with an error `isRetryable` rejects, runs out of retries,
 * or `signal` aborts. Waits use "full jitter" (a random delay up to the capped exponential
 * backoff), so many clients throttled at once do not retry in lockstep.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryPolicy & {
    readonly isRetryable: (error: unknown) => boolean
    readonly signal?: AbortSignal | undefined
    readonly onRetry?: (error: unknown) => void
  },
): Promise<T> {
  const retries = options.retries ?? 4
  const base = options.baseDelayMs ?? 100
  const max = options.maxDelayMs ?? 5000
  for (let n = 0; ; n++) {
    options.signal?.throwIfAborted()
    try {
      return await attempt(n)
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason
      if (n >= retries || !options.isRetryable(error)) throw error
      options.onRetry?.(error)
      await sleep(Math.random() * Math.min(max, base * 2 ** n), options.signal)
    }
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Network failures worth a retry: resets, timeouts, refused or dropped connections. */
export function isTransientNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true
  const name = (error as { name?: unknown })?.name
  if (name === 'TimeoutError') return true
  const message = error instanceof Error ? error.message : ''
  return /socket hang up|ECONNRESET|EPIPE|ETIMEDOUT|other side closed|premature close/i.test(message)
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
])
