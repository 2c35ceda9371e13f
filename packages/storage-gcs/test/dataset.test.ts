import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createDataset, isShoalError, link, type NDArray, openDataset, withChunkPrefetch } from '@shoal/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultProxy } from '../../core/test/helpers/fault-proxy.js'
import { FIXTURES } from '../../core/test/helpers/fixtures.js'
import { testImageHtypes, testPngCodec } from '../../core/test/helpers/png-codec.js'
import '../src/register.js'
import { createGcsStorage } from '../src/index.js'
import { type GcsServer, startGcsServer } from './helpers/gcs-server.js'

let server: GcsServer
const BUCKET = 'shoal-datasets'
let creds: Record<string, unknown>
const plugins = { htypes: testImageHtypes, codecs: [testPngCodec] }

beforeAll(async () => {
  server = await startGcsServer()
  creds = { apiEndpoint: server.endpoint, projectId: server.projectId }
})
afterAll(() => server.stop())

const floats = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => seed * 1000 + i)
const store = (prefix: string) =>
  createGcsStorage({ bucket: BUCKET, prefix, apiEndpoint: server.endpoint, projectId: server.projectId })

async function allObjects(prefix: string): Promise<Map<string, Uint8Array>> {
  const gcs = store(prefix)
  const out = new Map<string, Uint8Array>()
  for await (const key of gcs.list('')) out.set(key, (await gcs.get(key))!)
  return out
}

describe('datasets on gcs:// (firebase storage emulator)', () => {
  it('creates, appends, reopens, reads by index and range, and overwrites', async () => {
    const url = `gcs://${BUCKET}/roundtrip`
    const ds = await createDataset(url, { creds })
    const x = await ds.createTensor('x', { dtype: 'float32', maxChunkSize: 4096 })
    const notes = await ds.createTensor('notes', { htype: 'text' })
    for (let i = 0; i < 40; i++) await x.append({ shape: [8], data: floats(8, i) })
    await notes.extend(['a', 'bé', null])
    await ds.close()

    const more = await openDataset(`gs://${BUCKET}/roundtrip`, { creds })
    await more.tensor('x').append({ shape: [8], data: floats(8, 40) })
    await more.close()

    const back = await openDataset(url, { creds, readOnly: true })
    expect(back.tensor('x').length).toBe(41)
    for (const i of [0, 17, 40])
      expect([...((await back.tensor('x').get(i)) as NDArray).data]).toEqual([...floats(8, i)])
    const range = (await back.tensor('x').getRange(10, 13)) as NDArray[]
    expect(range.map((a) => a.data[0])).toEqual([10_000, 11_000, 12_000])
    expect(await back.tensor('notes').getRange(0, 3)).toEqual(['a', 'bé', ''])
    await back.close()
    expect(
      [...(await allObjects('roundtrip')).keys()].filter((k) => k.startsWith('x/chunks/')).length,
    ).toBeGreaterThan(1)

    await (await createDataset(url, { creds, overwrite: true })).close()
    expect([...(await allObjects('roundtrip')).keys()].some((k) => k.startsWith('x/'))).toBe(false)
  })

  it('a full scan makes about one request per chunk with the prefetcher', async () => {
    const url = `gcs://${BUCKET}/scan`
    const ds = await createDataset(url, { creds })
    const x = await ds.createTensor('x', { dtype: 'uint8', maxChunkSize: 64 * 1024 })
    const sample = new Uint8Array(1024)
    for (let i = 0; i < 1200; i++) await x.append({ shape: [1024], data: sample.fill(i % 251) })
    await ds.close()
    const chunks = [...(await allObjects('scan')).keys()].filter((k) => k.startsWith('x/chunks/')).length
    expect(chunks).toBeGreaterThanOrEqual(20)

    const gcs = store('scan')
    const back = await openDataset(url, { storage: withChunkPrefetch(gcs, { inFlight: 8 }), readOnly: true })
    const before = gcs.counters.requests
    let i = 0
    for await (const value of back.tensor('x')) {
      expect((value as NDArray).data[5]).toBe(i % 251)
      i++
    }
    expect(i).toBe(1200)
    const requests = gcs.counters.requests - before
    expect(requests).toBeLessThanOrEqual(Math.ceil(chunks * 1.1))
    expect(requests).toBeGreaterThanOrEqual(chunks)
    await back.close()
  })

  it('reads links with creds keys, "ENV" through Application Default Credentials, and refuses cloud links without one', async () => {
    const red = new Uint8Array(await readFile(join(FIXTURES, 'link_assets', 'red.png')))
    await store('assets').set('red.png', red)
    const target = `gcs://${BUCKET}/assets/red.png`
    const secret = '-----BEGIN PRIVATE KEY-----shoal-gcs-secret-never-stored-----END PRIVATE KEY-----'

    const url = `gcs://${BUCKET}/links`
    const ds = await createDataset(url, { creds, ...plugins })
    await ds.addCredsKey('MY_GCS')
    // Extra fields a real key would carry; the emulator needs no auth, so the endpoint disables it.
    ds.populateCreds('MY_GCS', { ...creds, secret_hint: secret })
    const images = await ds.createTensor('images', { htype: 'link[image]', sampleCompression: 'png' })
    await images.append(link(target, { credsKey: 'MY_GCS' }))
    await images.append(link(`gs://${BUCKET}/assets/red.png`, { credsKey: 'MY_GCS' }))
    await expect(images.append(link(target))).rejects.toSatisfy(
      (e) => isShoalError(e, 'INVALID_SAMPLE') && /needs a creds key/.test((e as Error).message),
    )
    await ds.close()

    const back = await openDataset(url, { creds, readOnly: true, ...plugins })
    await expect(back.tensor('images').get(0)).rejects.toSatisfy(
      (e) => isShoalError(e) && /has not been populated/.test((e as Error).message),
    )
    back.populateCreds('MY_GCS', creds)
    expect(((await back.tensor('images').get(1)) as NDArray).shape).toEqual([8, 8, 3])
    await back.close()

    // "ENV": the SDK's default setup; STORAGE_EMULATOR_HOST points it at the emulator.
    const saved = process.env.STORAGE_EMULATOR_HOST
    process.env.STORAGE_EMULATOR_HOST = server.endpoint
    try {
      const envDs = await createDataset(`gcs://${BUCKET}/links-env`, { creds, ...plugins })
      await envDs.addCredsKey('ENV')
      const t = await envDs.createTensor('images', { htype: 'link[image]', sampleCompression: 'png' })
      await t.append(link(target, { credsKey: 'ENV' }))
      expect(((await t.get(0)) as NDArray).shape).toEqual([8, 8, 3])
      await envDs.close()
    } finally {
      if (saved === undefined) delete process.env.STORAGE_EMULATOR_HOST
      else process.env.STORAGE_EMULATOR_HOST = saved
    }

    for (const prefix of ['links', 'links-env']) {
      for (const [key, bytes] of await allObjects(prefix)) {
        expect(Buffer.from(bytes).includes(Buffer.from('shoal-gcs-secret')), key).toBe(false)
      }
    }
  })

  it('recovers from injected 503, 429 and connection resets without lost or duplicated samples', async () => {
    const proxy = await startFaultProxy(server.endpoint)
    const json = { 'content-type': 'application/json' }
    let n = 0
    const injected = { unavailable: 0, throttled: 0, reset: 0 }
    proxy.hook = () => {
      n++
      if (n % 5 === 0) {
        injected.unavailable++
        return {
          kind: 'respond',
          status: 503,
          headers: json,
          body: '{"error":{"code":503,"message":"backendError"}}',
        }
      }
      if (n % 11 === 0) {
        injected.throttled++
        return {
          kind: 'respond',
          status: 429,
          headers: json,
          body: '{"error":{"code":429,"message":"rateLimitExceeded"}}',
        }
      }
      if (n % 7 === 0) {
        injected.reset++
        return { kind: 'reset' }
      }
      return { kind: 'forward', delayMs: n % 3 }
    }
    try {
      const flaky = () =>
        createGcsStorage({
          bucket: BUCKET,
          prefix: 'faults',
          apiEndpoint: proxy.url,
          projectId: server.projectId,
          retry: { retries: 6, baseDelayMs: 1, maxDelayMs: 5 },
        })
      const writer = flaky()
      const ds = await createDataset('gcs://unused', { storage: writer })
      const ids = await ds.createTensor('ids', { dtype: 'int32', maxChunkSize: 2048 })
      for (let i = 0; i < 300; i += 25) await ids.extend(Array.from({ length: 25 }, (_, k) => i + k))
      await ds.close()
      const reader = flaky()
      const back = await openDataset('gcs://unused', { storage: reader, readOnly: true })
      const seen: number[] = []
      for await (const value of back.tensor('ids')) seen.push(Number((value as NDArray).data[0]))
      await back.close()
      expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i))
      expect(injected.unavailable * injected.throttled * injected.reset).toBeGreaterThan(0)
      expect(writer.counters.retries + reader.counters.retries).toBeGreaterThan(0)
    } finally {
      await proxy.close()
    }
  })
})
