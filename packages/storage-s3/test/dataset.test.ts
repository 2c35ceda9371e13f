import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createDataset, isShoalError, link, type NDArray, openDataset, withChunkPrefetch } from '@shoal/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { s3ErrorBody, startFaultProxy } from '../../core/test/helpers/fault-proxy.js'
import { FIXTURES } from '../../core/test/helpers/fixtures.js'
import { testImageHtypes, testPngCodec } from '../../core/test/helpers/png-codec.js'
import '../src/register.js'
import { createS3Storage } from '../src/index.js'
import { type S3Server, startS3Server, TEST_KEYS } from './helpers/s3-server.js'

let server: S3Server
const BUCKET = 'shoal-datasets'
let creds: Record<string, unknown>
const plugins = { htypes: testImageHtypes, codecs: [testPngCodec] }

beforeAll(async () => {
  server = await startS3Server()
  await server.createBucket(BUCKET)
  creds = { endpoint: server.endpoint, ...TEST_KEYS }
})
afterAll(() => server.stop())

const floats = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => seed * 1000 + i)

async function allObjects(prefix: string): Promise<Map<string, Uint8Array>> {
  const store = createS3Storage({ bucket: BUCKET, prefix, endpoint: server.endpoint, ...TEST_KEYS })
  const out = new Map<string, Uint8Array>()
  for await (const key of store.list('')) out.set(key, (await store.get(key))!)
  return out
}

describe('datasets on s3:// (fauxqs)', () => {
  it('creates, appends, reopens, reads by index and range, and overwrites', async () => {
    const url = `s3://${BUCKET}/roundtrip`
    const ds = await createDataset(url, { creds })
    const x = await ds.createTensor('x', { dtype: 'float32', maxChunkSize: 4096 })
    const notes = await ds.createTensor('notes', { htype: 'text' })
    for (let i = 0; i < 40; i++) await x.append({ shape: [8], data: floats(8, i) })
    await notes.extend(['a', 'bé', null])
    await ds.close()

    const more = await openDataset(url, { creds })
    await more.tensor('x').append({ shape: [8], data: floats(8, 40) })
    await more.close()

    const back = await openDataset(url, { creds, readOnly: true })
    expect(back.tensorNames).toEqual(['x', 'notes'])
    expect(back.tensor('x').length).toBe(41)
    for (const i of [0, 17, 40])
      expect([...((await back.tensor('x').get(i)) as NDArray).data]).toEqual([...floats(8, i)])
    const range = (await back.tensor('x').getRange(10, 13)) as NDArray[]
    expect(range.map((a) => a.data[0])).toEqual([10_000, 11_000, 12_000])
    expect(await back.tensor('notes').getRange(0, 3)).toEqual(['a', 'bé', ''])
    await back.close()

    const keys = [...(await allObjects('roundtrip')).keys()]
    expect(keys).toContain('dataset_meta.json')
    expect(keys.filter((k) => k.startsWith('x/chunks/')).length).toBeGreaterThan(1)

    const fresh = await createDataset(url, { creds, overwrite: true })
    await fresh.close()
    expect([...(await allObjects('roundtrip')).keys()].some((k) => k.startsWith('x/'))).toBe(false)
  })

  it('a full scan makes about one request per chunk with the prefetcher', async () => {
    const url = `s3://${BUCKET}/scan`
    const ds = await createDataset(url, { creds })
    const x = await ds.createTensor('x', { dtype: 'uint8', maxChunkSize: 64 * 1024 })
    const sample = new Uint8Array(1024)
    for (let i = 0; i < 1200; i++) await x.append({ shape: [1024], data: sample.fill(i % 251) })
    await ds.close()
    const chunks = [...(await allObjects('scan')).keys()].filter((k) => k.startsWith('x/chunks/')).length
    expect(chunks).toBeGreaterThanOrEqual(20)

    const s3 = createS3Storage({ bucket: BUCKET, prefix: 'scan', endpoint: server.endpoint, ...TEST_KEYS })
    const storage = withChunkPrefetch(s3, { inFlight: 8 })
    const back = await openDataset(url, { storage, readOnly: true, cacheBytes: 16 * 1024 * 1024 })
    const tensor = back.tensor('x')
    const before = s3.counters.requests
    let i = 0
    for await (const value of tensor) {
      expect((value as NDArray).data[5]).toBe(i % 251)
      i++
    }
    expect(i).toBe(1200)
    const requests = s3.counters.requests - before
    expect(requests).toBeLessThanOrEqual(Math.ceil(chunks * 1.1))
    expect(requests).toBeGreaterThanOrEqual(chunks)
    await back.close()
  })

  it('reads links with creds keys, "ENV" through the default chain, and refuses cloud links without one', async () => {
    const red = new Uint8Array(await readFile(join(FIXTURES, 'link_assets', 'red.png')))
    const assets = createS3Storage({
      bucket: BUCKET,
      prefix: 'assets',
      endpoint: server.endpoint,
      ...TEST_KEYS,
    })
    await assets.set('red.png', red)
    const target = `s3://${BUCKET}/assets/red.png`

    const url = `s3://${BUCKET}/links`
    const ds = await createDataset(url, { creds, ...plugins })
    await ds.addCredsKey('MY_S3')
    await ds.addCredsKey('ENV')
    ds.populateCreds('MY_S3', {
      aws_access_key_id: TEST_KEYS.accessKeyId,
      aws_secret_access_key: TEST_KEYS.secretAccessKey,
      endpoint_url: server.endpoint,
    })
    const images = await ds.createTensor('images', { htype: 'link[image]', sampleCompression: 'png' })
    await images.append(link(target, { credsKey: 'MY_S3' }))
    await expect(images.append(link(target))).rejects.toSatisfy(
      (e) => isShoalError(e, 'INVALID_SAMPLE') && /needs a creds key/.test((e as Error).message),
    )
    await ds.close()

    // A second link written without verification, to test the read-side check too.
    const back = await openDataset(url, { creds, readOnly: true, ...plugins })
    const unpopulated = back.tensor('images').get(0)
    await expect(unpopulated).rejects.toSatisfy(
      (e) => isShoalError(e) && /has not been populated/.test((e as Error).message),
    )
    back.populateCreds('MY_S3', { ...creds })
    expect(((await back.tensor('images').get(0)) as NDArray).shape).toEqual([8, 8, 3])
    await back.close()

    // "ENV": the SDK's default chain, here the environment variables.
    const saved = { ...process.env }
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: TEST_KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretAccessKey,
      AWS_ENDPOINT_URL_S3: server.endpoint,
      AWS_REGION: 'us-east-1',
    })
    try {
      const envDs = await createDataset(`s3://${BUCKET}/links-env`, { creds, ...plugins })
      await envDs.addCredsKey('ENV')
      const t = await envDs.createTensor('images', { htype: 'link[image]', sampleCompression: 'png' })
      await t.append(link(target, { credsKey: 'ENV' }))
      expect(((await t.get(0)) as NDArray).shape).toEqual([8, 8, 3])
      await envDs.close()
    } finally {
      for (const name of [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_ENDPOINT_URL_S3',
        'AWS_REGION',
      ]) {
        if (saved[name] === undefined) delete process.env[name]
        else process.env[name] = saved[name]
      }
    }

    // The secret is in no object of either dataset.
    const secret = new TextEncoder().encode(TEST_KEYS.secretAccessKey)
    for (const prefix of ['links', 'links-env']) {
      for (const [key, bytes] of await allObjects(prefix)) {
        expect(Buffer.from(bytes).includes(Buffer.from(secret)), key).toBe(false)
      }
    }
  })

  it('recovers from injected 503 SlowDown, 500 and connection resets without lost or duplicated samples', async () => {
    const proxy = await startFaultProxy(server.endpoint)
    let n = 0
    const injected = { slowDown: 0, internal: 0, reset: 0 }
    proxy.hook = () => {
      n++
      if (n % 5 === 0) {
        injected.slowDown++
        return { kind: 'respond', status: 503, body: s3ErrorBody('SlowDown') }
      }
      if (n % 11 === 0) {
        injected.internal++
        return { kind: 'respond', status: 500, body: s3ErrorBody('InternalError') }
      }
      if (n % 7 === 0) {
        injected.reset++
        return { kind: 'reset' }
      }
      return { kind: 'forward', delayMs: n % 3 }
    }
    try {
      const flaky = () =>
        createS3Storage({
          bucket: BUCKET,
          prefix: 'faults',
          endpoint: proxy.url,
          ...TEST_KEYS,
          retry: { retries: 6, baseDelayMs: 1, maxDelayMs: 5 },
        })
      const writer = flaky()
      const ds = await createDataset('s3://unused', { storage: writer })
      const ids = await ds.createTensor('ids', { dtype: 'int32', maxChunkSize: 2048 })
      for (let i = 0; i < 300; i += 25) await ids.extend(Array.from({ length: 25 }, (_, k) => i + k))
      await ds.close()
      const reader = flaky()
      const back = await openDataset('s3://unused', { storage: reader, readOnly: true })
      const seen: number[] = []
      for await (const value of back.tensor('ids')) seen.push(Number((value as NDArray).data[0]))
      await back.close()
      expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i))
      expect(writer.counters.retries + reader.counters.retries).toBeGreaterThanOrEqual(
        injected.slowDown + injected.internal + injected.reset - 1,
      )
      expect(injected.slowDown * injected.internal * injected.reset).toBeGreaterThan(0)
    } finally {
      await proxy.close()
    }
  })
})
