import { isShoalError } from '@shoal/core'
import { describeStorageConformance } from '@shoal/testkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FaultProxy, s3ErrorBody, startFaultProxy } from '../../core/test/helpers/fault-proxy.js'
import { createS3Storage } from '../src/index.js'
import { type S3Server, startS3Server, TEST_KEYS } from './helpers/s3-server.js'

let server: S3Server
let proxy: FaultProxy
let counter = 0
const BUCKET = 'shoal-tests'

beforeAll(async () => {
  server = await startS3Server()
  await server.createBucket(BUCKET)
  proxy = await startFaultProxy(server.endpoint)
})
afterAll(async () => {
  await proxy.close()
  await server.stop()
})
afterEach(() => {
  proxy.hook = () => ({ kind: 'forward' })
})

const store = (extra: Partial<Parameters<typeof createS3Storage>[0]> = {}) =>
  createS3Storage({
    bucket: BUCKET,
    prefix: `t${++counter}`,
    endpoint: server.endpoint,
    ...TEST_KEYS,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  })

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const keys: string[] = []
  for await (const key of iterable) keys.push(key)
  return keys
}

describeStorageConformance('s3 (fauxqs)', async () => ({ storage: store() }))
describeStorageConformance('s3 (fauxqs), small list pages', async () => ({ storage: store({ pageSize: 2 }) }))

describe('createS3Storage', () => {
  it('lists past one page without truncating, one request per page', async () => {
    const s3 = store({ pageSize: 7 })
    const keys = Array.from({ length: 50 }, (_, i) => `many/${String(i).padStart(3, '0')}`)
    await Promise.all(keys.map((key) => s3.set(key, new Uint8Array([1]))))
    const before = s3.counters.requests
    expect(await collect(s3.list('many/'))).toEqual(keys)
    expect(s3.counters.requests - before).toBe(Math.ceil(50 / 7))
  })

  it('deletes in batches: 2500 keys in 3 DeleteObjects requests', async () => {
    const s3 = store({ maxConcurrency: 32 })
    const keys = Array.from({ length: 2500 }, (_, i) => `bulk/${i}`)
    await Promise.all(keys.map((key) => s3.set(key, new Uint8Array(0))))
    const before = proxy.seen.length
    const viaProxy = store({ endpoint: proxy.url, prefix: s3.description.split('/')[3] })
    await viaProxy.deleteMany(keys)
    const posts = proxy.seen.slice(before).filter((r) => r.method === 'POST' && r.url.includes('delete'))
    expect(posts).toHaveLength(3)
    expect(await collect(s3.list('bulk/'))).toEqual([])
  })

  it('reads a range with one ranged GET and counts its bytes', async () => {
    const s3 = store({ endpoint: proxy.url })
    const bytes = new Uint8Array(10_000).map((_, i) => i % 256)
    await s3.set('r', bytes)
    const before = s3.counters.requests
    const mark = proxy.seen.length
    expect(await s3.getRange('r', { offset: 1000, length: 16 })).toEqual(bytes.subarray(1000, 1016))
    expect(s3.counters.requests - before).toBe(1)
    expect(proxy.seen[mark]?.headers.range).toBe('bytes=1000-1015')
  })

  it('keeps at most maxConcurrency requests in flight', async () => {
    const s3 = store({ endpoint: proxy.url, maxConcurrency: 3 })
    let inFlight = 0
    let peak = 0
    proxy.hook = () => {
      inFlight++
      peak = Math.max(peak, inFlight)
      setTimeout(() => inFlight--, 20)
      return { kind: 'forward', delayMs: 20 }
    }
    await Promise.all(Array.from({ length: 12 }, (_, i) => s3.set(`c/${i}`, new Uint8Array([i]))))
    expect(peak).toBeLessThanOrEqual(3)
    expect(peak).toBeGreaterThan(1)
  })
})

describe('credentials', () => {
  it('uses an injected client and leaves it open on close', async () => {
    const client = server.client()
    const s3 = createS3Storage({ bucket: BUCKET, prefix: `t${++counter}`, client })
    await s3.set('k', new Uint8Array([3]))
    await s3.close()
    const again = createS3Storage({ bucket: BUCKET, prefix: s3.description.split('/')[3], client })
    expect(await again.get('k')).toEqual(new Uint8Array([3]))
    client.destroy()
  })

  it('asks a credential provider again when its keys expire, and signs with the new keys', async () => {
    let calls = 0
    const rotating = async () => {
      calls++
      // Expiring within the SDK's refresh window, so every request needs fresh keys.
      return {
        accessKeyId: `AKIAROTATED${calls}`,
        secretAccessKey: `rotated-secret-${calls}`,
        expiration: new Date(Date.now() + 1000),
      }
    }
    const s3 = createS3Storage({
      bucket: BUCKET,
      prefix: `t${++counter}`,
      endpoint: proxy.url,
      credentials: rotating,
    })
    const mark = proxy.seen.length
    await s3.set('a', new Uint8Array([1]))
    await s3.set('b', new Uint8Array([2]))
    expect(await s3.get('a')).toEqual(new Uint8Array([1]))
    expect(calls).toBeGreaterThanOrEqual(2)
    const keyIds = new Set(
      proxy.seen.slice(mark).map((r) => /Credential=(\w+)\//.exec(String(r.headers.authorization))?.[1]),
    )
    expect(keyIds.size).toBeGreaterThanOrEqual(2)
  })
})

describe('faults injected by a proxy', () => {
  it('retries 503 SlowDown and 500, then succeeds', async () => {
    const s3 = store({ endpoint: proxy.url })
    await s3.set('k', new Uint8Array([7, 8]))
    let failures = 0
    proxy.hook = (r) => {
      if (r.method === 'GET' && failures < 3) {
        failures++
        return failures === 2
          ? { kind: 'respond', status: 500, body: s3ErrorBody('InternalError') }
          : {
              kind: 'respond',
              status: 503,
              body: s3ErrorBody('SlowDown', 'Please reduce your request rate.'),
            }
      }
      return { kind: 'forward' }
    }
    const retries = s3.counters.retries
    expect(await s3.get('k')).toEqual(new Uint8Array([7, 8]))
    expect(s3.counters.retries - retries).toBe(3)
  })

  it('retries a connection reset', async () => {
    const s3 = store({ endpoint: proxy.url })
    await s3.set('k', new Uint8Array([1]))
    let reset = false
    proxy.hook = () => {
      if (reset) return { kind: 'forward' }
      reset = true
      return { kind: 'reset' }
    }
    expect(await s3.get('k')).toEqual(new Uint8Array([1]))
    expect(s3.counters.retries).toBe(1)
  })

  it('gives up after the retry budget with a retryable STORAGE error', async () => {
    const s3 = store({ endpoint: proxy.url, retry: { retries: 2, baseDelayMs: 1 } })
    proxy.hook = () => ({ kind: 'respond', status: 503, body: s3ErrorBody('SlowDown') })
    const error = await s3.get('k').catch((e: unknown) => e)
    expect(isShoalError(error, 'STORAGE')).toBe(true)
    expect((error as { retryable?: boolean }).retryable).toBe(true)
    expect(s3.counters.requests).toBe(3)
  })

  it('does not retry 4xx: 403 is an access-denied STORAGE error naming bucket and key, never the secret', async () => {
    const s3 = store({ endpoint: proxy.url })
    proxy.hook = () => ({ kind: 'respond', status: 403, body: s3ErrorBody('AccessDenied', 'Access Denied') })
    const error = await s3.get('secret/place').catch((e: unknown) => e)
    expect(isShoalError(error, 'STORAGE')).toBe(true)
    const message = (error as Error).message
    expect(message).toContain('access denied')
    expect(message).toContain(`s3://${BUCKET}/`)
    expect(message).toContain('secret/place')
    expect(s3.counters.requests).toBe(1)
    expect(s3.counters.retries).toBe(0)
    const everything = `${message} ${(error as Error).stack} ${String((error as Error).cause)} ${JSON.stringify(error)}`
    expect(everything).not.toContain(TEST_KEYS.secretAccessKey)
  })

  it('maps 404 to undefined and a 400 to a non-retryable error without retrying', async () => {
    const s3 = store({ endpoint: proxy.url })
    expect(await s3.get('nope')).toBeUndefined()
    proxy.hook = () => ({ kind: 'respond', status: 400, body: s3ErrorBody('InvalidRequest') })
    const error = await s3.get('x').catch((e: unknown) => e)
    expect(isShoalError(error, 'STORAGE')).toBe(true)
    expect((error as { retryable?: boolean }).retryable).toBe(false)
    expect(s3.counters.retries).toBe(0)
  })

  it('aborts a call in flight with the signal reason', async () => {
    const s3 = store({ endpoint: proxy.url })
    await s3.set('slow', new Uint8Array([1]))
    proxy.hook = () => ({ kind: 'forward', delayMs: 2000 })
    const controller = new AbortController()
    const reason = new Error('stop now')
    const pending = s3.get('slow', { signal: controller.signal })
    setTimeout(() => controller.abort(reason), 20)
    await expect(pending).rejects.toBe(reason)
  })

  it('aborts during backoff without further requests', async () => {
    const s3 = store({ endpoint: proxy.url, retry: { retries: 10, baseDelayMs: 1000, maxDelayMs: 1000 } })
    proxy.hook = () => ({ kind: 'respond', status: 503, body: s3ErrorBody('SlowDown') })
    const controller = new AbortController()
    const pending = s3.get('k', { signal: controller.signal }).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 50))
    controller.abort(new Error('cancelled'))
    expect(((await pending) as Error).message).toBe('cancelled')
    expect(s3.counters.requests).toBeLessThanOrEqual(2)
  })
})
