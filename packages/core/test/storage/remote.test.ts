import { describe, expect, it } from 'vitest'
import { createLimiter, isTransientNetworkError, withRetries } from '../../src/storage/remote.js'

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once and all of them in the end', async () => {
    const run = createLimiter(3)
    let active = 0
    let peak = 0
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run(async () => {
          peak = Math.max(peak, ++active)
          await new Promise((resolve) => setTimeout(resolve, 2))
          active--
          return i
        }),
      ),
    )
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(peak).toBe(3)
  })

  it('frees its slot when a task fails', async () => {
    const run = createLimiter(1)
    await expect(run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x')
    expect(await run(async () => 5)).toBe(5)
  })
})

describe('withRetries', () => {
  const transient = Object.assign(new Error('reset'), { code: 'ECONNRESET' })

  it('retries retryable failures and returns the first success', async () => {
    let attempts = 0
    const retried: unknown[] = []
    const value = await withRetries(
      async () => {
        if (++attempts < 3) throw transient
        return 'ok'
      },
      { isRetryable: isTransientNetworkError, baseDelayMs: 1, onRetry: (e) => retried.push(e) },
    )
    expect(value).toBe('ok')
    expect(retried).toEqual([transient, transient])
  })

  it('does not retry what isRetryable rejects, and stops after `retries`', async () => {
    let attempts = 0
    const fatal = new Error('403')
    await expect(
      withRetries(
        async () => {
          attempts++
          throw fatal
        },
        { isRetryable: () => false },
      ),
    ).rejects.toBe(fatal)
    expect(attempts).toBe(1)
    attempts = 0
    await expect(
      withRetries(
        async () => {
          attempts++
          throw transient
        },
        { isRetryable: () => true, retries: 2, baseDelayMs: 1 },
      ),
    ).rejects.toBe(transient)
    expect(attempts).toBe(3)
  })

  it('stops waiting when the signal aborts during backoff', async () => {
    const controller = new AbortController()
    const reason = new Error('cancelled')
    let attempts = 0
    const pending = withRetries(
      async () => {
        attempts++
        throw transient
      },
      {
        isRetryable: () => true,
        retries: 10,
        baseDelayMs: 60_000,
        maxDelayMs: 60_000,
        signal: controller.signal,
      },
    )
    setTimeout(() => controller.abort(reason), 10)
    await expect(pending).rejects.toBe(reason)
    expect(attempts).toBe(1)
  })
})
