import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import {
  type CopyProgress,
  copyDataset,
  createDataset,
  type Dataset,
  isShoalError,
  openDataset,
} from '@shoal/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCases } from '../../../scripts/conformance/write-datasets.js'
import { startS3Server, TEST_KEYS } from '../../storage-s3/test/helpers/s3-server.js'
import '@shoal/storage-s3/register'
import '../src/register.js'
import { createGcsStorage } from '../src/index.js'
import { type GcsServer, startGcsServer } from './helpers/gcs-server.js'

const ROOT = resolve(import.meta.dirname, '../../..')
let s3: Awaited<ReturnType<typeof startS3Server>>
let gcs: GcsServer
let dir: string
let s3Creds: Record<string, unknown>
let gcsCreds: Record<string, unknown>

beforeAll(async () => {
  s3 = await startS3Server()
  await s3.createBucket('shoal-src')
  gcs = await startGcsServer()
  dir = await mkdtemp(join(tmpdir(), 'shoal-copy-'))
  s3Creds = { endpoint: s3.endpoint, ...TEST_KEYS }
  gcsCreds = { apiEndpoint: gcs.endpoint, projectId: gcs.projectId }
})
afterAll(async () => {
  await s3.stop()
  await gcs.stop()
  await rm(dir, { recursive: true, force: true })
})

/** Every sample of every tensor (hidden ones included), reduced to comparable JSON. */
async function snapshot(ds: Dataset): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const name of ds.tensorNames) {
    const tensor = ds.tensor(name)
    const values: unknown[] = []
    for (let i = 0; i < tensor.length; i++) values.push(reduce(await tensor.get(i)))
    out[name] = values
  }
  return out
}

function reduce(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reduce)
  if (value && typeof value === 'object' && 'data' in value && 'shape' in value) {
    const { dtype, shape, data } = value as { dtype: string; shape: number[]; data: ArrayBufferView }
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    return { dtype, shape, sha: createHash('sha256').update(bytes).digest('hex') }
  }
  return value
}

describe('copyDataset between s3://, gcs:// and local folders', () => {
  it('copies an S3 dataset to GCS and to a local folder; all three read identically and the local copy passes conformance', async () => {
    const snapshots: Record<string, unknown>[] = []
    for (const testCase of writeCases) {
      const source = `s3://shoal-src/${testCase.name}`
      const ds = await createDataset(source, { creds: s3Creds })
      const spec = await testCase.write(ds, { dir })
      await ds.close()

      const progress: CopyProgress[] = []
      const toGcs = await copyDataset(source, `gcs://shoal-dst/${testCase.name}`, {
        srcCreds: s3Creds,
        dstCreds: gcsCreds,
        concurrency: 4,
        onProgress: (p) => progress.push(p),
      })
      expect(toGcs.keys).toBeGreaterThan(5)
      expect(progress.at(-1)).toMatchObject({
        copiedKeys: toGcs.keys,
        totalKeys: toGcs.keys,
        copiedBytes: toGcs.bytes,
      })
      const local = join(dir, testCase.name)
      const toLocal = await copyDataset(source, local, { srcCreds: s3Creds, concurrency: 4 })
      expect(toLocal).toEqual(toGcs)
      await writeFile(
        join(dir, `${testCase.name}.expected.json`),
        `${JSON.stringify(spec, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`,
      )

      const views = [
        await openDataset(source, { creds: s3Creds, readOnly: true }),
        await openDataset(`gs://shoal-dst/${testCase.name}`, { creds: gcsCreds, readOnly: true }),
        await openDataset(local, { readOnly: true }),
      ]
      const [fromS3, fromGcs, fromLocal] = await Promise.all(views.map(snapshot))
      expect(Object.keys(fromS3!).length).toBeGreaterThan(0)
      expect(fromGcs).toEqual(fromS3)
      expect(fromLocal).toEqual(fromS3)
      snapshots.push(fromS3!)
      for (const view of views) await view.close()
    }
    expect(snapshots).toHaveLength(writeCases.length)

    const { stdout } = await promisify(execFile)(
      'node',
      ['--conditions=@shoal/source', '--import', 'tsx', 'scripts/conformance/cli.ts', dir],
      {
        cwd: ROOT,
      },
    )
    expect(stdout).toMatch(/ 0 failed/)
    expect(stdout).not.toMatch(/^FAIL/m)
  })

  it('copies local → GCS → S3 and back to local byte for byte', async () => {
    const local = join(dir, 'shoal_numeric')
    await copyDataset(local, 'gs://shoal-dst/roundtrip', { dstCreds: gcsCreds })
    await copyDataset('gs://shoal-dst/roundtrip', 's3://shoal-src/roundtrip', {
      srcCreds: gcsCreds,
      dstCreds: s3Creds,
    })
    const back = join(dir, 'back', 'shoal_numeric')
    await copyDataset('s3://shoal-src/roundtrip', back, { srcCreds: s3Creds })
    const list = async (path: string) => (await readdir(path, { recursive: true })).sort()
    expect(await list(back)).toEqual(await list(local))
  })

  it('refuses a non-empty destination unless overwrite is set, and a source that is no dataset', async () => {
    const error = await copyDataset(join(dir, 'shoal_text'), 'gs://shoal-dst/roundtrip', {
      dstCreds: gcsCreds,
    }).catch((e: unknown) => e)
    expect(isShoalError(error, 'ALREADY_EXISTS')).toBe(true)
    const result = await copyDataset(join(dir, 'shoal_text'), 'gs://shoal-dst/roundtrip', {
      dstCreds: gcsCreds,
      overwrite: true,
    })
    const gcsStore = createGcsStorage({
      bucket: 'shoal-dst',
      prefix: 'roundtrip',
      apiEndpoint: gcs.endpoint,
      projectId: gcs.projectId,
    })
    let count = 0
    for await (const _ of gcsStore.list('')) count++
    expect(count).toBe(result.keys)
    const empty = await mkdtemp(join(tmpdir(), 'shoal-empty-'))
    await expect(copyDataset(empty, join(dir, 'never'))).rejects.toSatisfy((e) =>
      isShoalError(e, 'NOT_FOUND'),
    )
  })

  it('detects a destination that does not keep what was written', async () => {
    const lying = {
      ...createGcsStorage({
        bucket: 'shoal-dst',
        prefix: 'lying',
        apiEndpoint: gcs.endpoint,
        projectId: gcs.projectId,
      }),
    }
    const realSet = lying.set!
    lying.set = (key, bytes, options) =>
      realSet(key, key.endsWith('.json') ? bytes.subarray(1) : bytes, options)
    await expect(copyDataset(join(dir, 'shoal_text'), lying)).rejects.toSatisfy(
      (e) => isShoalError(e, 'STORAGE') && /verification failed/.test((e as Error).message),
    )
  })
})
