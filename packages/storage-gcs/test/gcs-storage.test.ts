import { isShoalError } from '@shoal/core'
import { describeStorageConformance } from '@shoal/testkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FaultProxy, startFaultProxy } from '../../core/test/helpers/fault-proxy.js'
import { createGcsStorage, type GcsStorageOptions } from '../src/index.js'
import { type GcsServer, startGcsServer } from './helpers/gcs-server.js'

let server: GcsServer
let proxy: FaultProxy
let counter = 0
const BUCKET = 'shoal-tests'
const SECRET = '-----BEGIN PRIVATE KEY-----shoal-test-secret-DO-NOT-LEAK-----END PRIVATE KEY-----'

beforeAll(async () => {
  server = await startGcsServer()
  proxy = await startFaultProxy(server.endpoint)
})
afterAll(async () => {
  await proxy.close()
  await server.stop()
})
afterEach(() => {
  proxy.hook = () => ({ kind: 'forward' })
})

const store = (extra: Partial<GcsStorageOptions> = {}) =>
  createGcsStorage({
    bucket: BUCKET,
    prefix: `t${++counter}`,
    apiEndpoint: server.endpoint,
    projectId: server.projectId,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  })

const jsonError = (status: number, reason: string) =>
  JSON.stringify({ error: { code: status, message: reason, errors: [{ reason, message: reason }] } })

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const keys: string[] = []
  for await (const key of iterable) keys.push(key)
  return keys
}

describeStorageConformance('gcs (firebase storage emulator)', async () => ({ storage: store() }))
describeStorageConformance('gcs (firebase storage emulator), small list pages', async () => ({
  storage: store({ pageSize: 2 }),
}))

describe('createGcsStorage', () => {
  it('lists past one page without truncating, one request per page', async () => {
    const gcs = store({ pageSize: 7 })
    const keys = Array.from({ length: 50 }, (_, i) => `many/${String(i).padStart(3, '0')}`)
    await Promise.all(keys.map((key) => gcs.set(key, new Uint8Array([1]))))
    const before = gcs.counters.requests
    expect(await collect(gcs.list('many/'))).toEqual(keys)
    expect(gcs.counters.requests - before).toBe(Math.ceil(50 / 7))
  })

  it('deletes many keys', async () => {
    const gcs = store()
    const keys = Array.from({ length: 40 }, (_, i) => `bulk/${i}`)
    await Promise.all(keys.map((key) => gcs.set(key, new Uint8Array(0))))
    await gcs.deleteMany([...keys, 'never/there'])
    expect(await collect(gcs.list('bulk/'))).toEqual([])
  })

  it('reads a range with one ranged GET', async () => {
    const gcs = store({ apiEndpoint: proxy.url })
    const bytes = new Uint8Array(10_000).map((_, i) => i % 256)
    await gcs.set('r', bytes)
    const before = gcs.counters.requests
    const mark = proxy.seen.length
    expect(await gcs.getRange('r', { offset: 1000, length: 16 })).toEqual(bytes.subarray(1000, 1016))
    expect(gcs.counters.requests - before).toBe(1)
    expect(proxy.seen.slice(mark).map((r) => r.headers.range)).toEqual(['bytes=1000-1015'])
  })
})

describe('credentials', () => {
  it('uses an injected Storage client', async () => {
    const { Storage } = await import('@google-cloud/storage')
    const client = new Storage({
      apiEndpoint: server.endpoint,
      projectId: server.projectId,
      useAuthWithCustomEndpoint: false,
    })
    const gcs = createGcsStorage({ bucket: BUCKET, prefix: `t${++counter}`, client })
    await gcs.set('k', new Uint8Array([3]))
    expect(await gcs.get('k')).toEqual(new Uint8Array([3]))
  })

  it('sends a bearer token, asking a token function again for each request', async () => {
    let calls = 0
    const gcs = store({ apiEndpoint: proxy.url, token: async () => `ya29.rotated-${++calls}` })
    const mark = proxy.seen.length
    await gcs.set('a', new Uint8Array([1]))
    expect(await gcs.get('a')).toEqual(new Uint8Array([1]))
    const auth = proxy.seen.slice(mark).map((r) => r.headers.authorization)
    expect(auth).toEqual(['Bearer ya29.rotated-1', 'Bearer ya29.rotated-2'])
  })
})

describe('faults injected by a proxy', () => {
  it('retries 503 and 429, then succeeds', async () => {
    const gcs = store({ apiEndpoint: proxy.url })
    await gcs.set('k', new Uint8Array([7, 8]))
    let failures = 0
    proxy.hook = (r) => {
      if (r.method === 'GET' && failures < 2) {
        failures++
        return failures === 1
          ? {
              kind: 'respond',
              status: 503,
              body: jsonError(503, 'backendError'),
              headers: { 'content-type': 'application/json' },
            }
          : {
              kind: 'respond',
              status: 429,
              body: jsonError(429, 'rateLimitExceeded'),
              headers: { 'content-type': 'application/json' },
            }
      }
      return { kind: 'forward' }
    }
    expect(await gcs.get('k')).toEqual(new Uint8Array([7, 8]))
    expect(gcs.counters.retries).toBe(2)
  })

  it('retries a connection reset', async () => {
    const gcs = store({ apiEndpoint: proxy.url })
    await gcs.set('k', new Uint8Array([1]))
    let reset = false
    proxy.hook = () => {
      if (reset) return { kind: 'forward' }
      reset = true
      return { kind: 'reset' }
    }
    expect(await gcs.get('k')).toEqual(new Uint8Array([1]))
    expect(gcs.counters.retries).toBe(1)
  })

  it('does not retry 403: an access-denied STORAGE error naming bucket and key, never the secret', async () => {
    const gcs = store({
      apiEndpoint: proxy.url,
      credentials: { client_email: 'tester@demo-shoal.iam.gserviceaccount.com', private_key: SECRET },
    })
    const gcsNoAuth = store({ apiEndpoint: proxy.url })
    proxy.hook = () => ({
      kind: 'respond',
      status: 403,
      body: jsonError(403, 'forbidden'),
      headers: { 'content-type': 'application/json' },
    })
    for (const target of [gcs, gcsNoAuth]) {
      const error = await target.get('secret/place').catch((e: unknown) => e)
      expect(isShoalError(error, 'STORAGE'), String(error)).toBe(true)
      const message = (error as Error).message
      if (target === gcsNoAuth) {
        expect(message).toContain('access denied')
        expect(message).toContain(`gs://${BUCKET}/`)
        expect(message).toContain('secret/place')
        expect(target.counters.retries).toBe(0)
      }
      const everything = `${message} ${(error as Error).stack} ${String((error as Error).cause)}`
      expect(everything).not.toContain('shoal-test-secret')
    }
  })

  it('maps 404 to undefined', async () => {
    expect(await store({ apiEndpoint: proxy.url }).get('nope')).toBeUndefined()
  })

  it('aborts a call in flight with the signal reason', async () => {
    const gcs = store({ apiEndpoint: proxy.url })
    await gcs.set('slow', new Uint8Array([1]))
    proxy.hook = () => ({ kind: 'forward', delayMs: 2000 })
    const controller = new AbortController()
    const reason = new Error('stop now')
    const pending = gcs.get('slow', { signal: controller.signal })
    setTimeout(() => controller.abort(reason), 20)
    await expect(pending).rejects.toBe(reason)
  })
})
