import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createDataset,
  createMemoryStorage,
  isShoalError,
  type NDArray,
  openDataset,
} from '../../src/index.js'
import { cleanTemps, tempDir } from '../helpers/fixtures.js'

afterAll(cleanTemps)

/** Sample i of a (4, 3) uint16 tensor: every element encodes (i, position), so a mix-up shows. */
function sample(i: number): NDArray<'uint16'> {
  return { dtype: 'uint16', shape: [4, 3], data: Uint16Array.from({ length: 12 }, (_, k) => i * 16 + k) }
}

/** A dataset with `count` samples in several small chunks (maxChunkSize 200 bytes: ~4 per chunk). */
async function build(path: string, count: number, options: Record<string, unknown> = {}) {
  const ds = await createDataset(path)
  const tensor = await ds.createTensor('x', { dtype: 'uint16', maxChunkSize: 200, ...options })
  await tensor.extend(Array.from({ length: count }, (_, i) => sample(i)))
  await ds.flush()
  return ds
}

function expectRows(stacked: NDArray, first: number, count: number): void {
  expect(stacked.dtype).toBe('uint16')
  expect(stacked.shape).toEqual([count, 4, 3])
  const expected = new Uint16Array(count * 12)
  for (let k = 0; k < count; k++) expected.set(sample(first + k).data, k * 12)
  expect(Array.from(stacked.data as Uint16Array)).toEqual(Array.from(expected))
}

describe('Tensor.getStacked', () => {
  it('reads a range spanning several chunks into one array, from disk and from the cache', async () => {
    const path = join(await tempDir(), 'ds')
    await (await build(path, 23)).close()
    const ds = await openDataset(path, { readOnly: true })
    const tensor = ds.tensor('x')
    expectRows(await tensor.getStacked(2, 19), 2, 17)
    await tensor.get(5) // loads chunk 1 into the cache: the next read mixes cached and direct chunks
    expectRows(await tensor.getStacked(0, 23), 0, 23)
    expectRows(await tensor.getStacked(20, 99), 20, 3) // end is clamped like getRange
    expect((await tensor.getStacked(7, 7)).shape).toEqual([0, 4, 3])
    await ds.close()
  })

  it('stacks lz4 chunk-compressed samples and samples of a memory store', async () => {
    const path = join(await tempDir(), 'lz4')
    await (await build(path, 11, { chunkCompression: 'lz4' })).close()
    const ds = await openDataset(path, { readOnly: true })
    expectRows(await ds.tensor('x').getStacked(1, 11), 1, 10)
    await ds.close()
    const memory = await createDataset('mem://scan', { storage: createMemoryStorage() })
    const tensor = await memory.createTensor('x', { dtype: 'uint16', maxChunkSize: 200 })
    await tensor.extend(Array.from({ length: 9 }, (_, i) => sample(i)))
    expectRows(await tensor.getStacked(0, 9), 0, 9) // not flushed yet: read after the open chunk is written
  })

  it('scans lz4 chunks in batches that cross chunks, and reports a damaged one as CORRUPT_CHUNK', async () => {
    const path = join(await tempDir(), 'lz4-scan')
    await (await build(path, 40, { chunkCompression: 'lz4' })).close()
    const ds = await openDataset(path, { readOnly: true })
    let seen = 0
    for await (const step of ds.tensor('x').scan({ batch: 7 })) {
      expectRows(step.stacked!, step.start, step.end - step.start)
      seen += step.end - step.start
    }
    expect(seen).toBe(40)
    await ds.close()
    const dir = join(path, 'x', 'chunks')
    const names = await readdir(dir)
    expect(names.length).toBeGreaterThan(3)
    for (const name of names) {
      const bytes = await readFile(join(dir, name))
      await writeFile(join(dir, name), bytes.subarray(0, bytes.length - 5))
    }
    const damaged = await openDataset(path, { readOnly: true })
    const error = await damaged
      .tensor('x')
      .getStacked(0, 40)
      .catch((e: unknown) => e)
    expect(isShoalError(error, 'CORRUPT_CHUNK')).toBe(true)
    expect((error as Error).message).toMatch(/lz4/)
    await damaged.close()
  })

  it('refuses samples of different shapes and bad ranges with typed errors', async () => {
    const ds = await createDataset('mem://ragged', { storage: createMemoryStorage() })
    const tensor = await ds.createTensor('r', { dtype: 'uint8' })
    await tensor.extend([new Uint8Array([1, 2]), new Uint8Array([3, 4, 5])])
    const ragged = await tensor.getStacked(0, 2).catch((error: unknown) => error)
    expect(isShoalError(ragged) && ragged.code).toBe('UNSUPPORTED')
    expect(String((ragged as Error).message)).toContain('tensor "r"')
    const range = await tensor.getStacked(2, 1).catch((error: unknown) => error)
    expect(isShoalError(range) && range.code).toBe('INDEX_OUT_OF_RANGE')
    const text = await ds.createTensor('t', { htype: 'text' })
    await text.extend(['a', 'b'])
    const notArrays = await text.getStacked(0, 2).catch((error: unknown) => error)
    expect(isShoalError(notArrays) && notArrays.code).toBe('UNSUPPORTED')
  })
})

describe('Tensor.scan', () => {
  it('yields stacked batches in order, reusing one buffer, with per-sample views', async () => {
    const path = join(await tempDir(), 'scan')
    await (await build(path, 23)).close()
    const ds = await openDataset(path, { readOnly: true })
    const tensor = ds.tensor('x')
    const starts: number[] = []
    const buffers = new Set<ArrayBufferLike>()
    for await (const step of tensor.scan({ batch: 5 })) {
      starts.push(step.start)
      expect(step.end - step.start).toBe(step.start === 20 ? 3 : 5)
      expectRows(step.stacked!, step.start, step.end - step.start)
      buffers.add(step.stacked!.data.buffer)
      const views = step.samples as NDArray[]
      expect(views).toHaveLength(step.end - step.start)
      expect(Array.from(views[1]!.data as Uint16Array)).toEqual(Array.from(sample(step.start + 1).data))
      expect(views[1]!.shape).toEqual([4, 3])
    }
    expect(starts).toEqual([0, 5, 10, 15, 20])
    expect(buffers.size).toBe(1)
    const part: number[] = []
    for await (const step of tensor.scan({ start: 3, end: 9, batch: 4 })) part.push(step.start, step.end)
    expect(part).toEqual([3, 7, 7, 9])
    await ds.close()
  })

  it('yields getRange batches for tensors that cannot be stacked', async () => {
    const ds = await createDataset('mem://scan-text', { storage: createMemoryStorage() })
    const text = await ds.createTensor('t', { htype: 'text' })
    await text.extend(['a', 'bb', 'ccc'])
    const seen: unknown[] = []
    for await (const step of text.scan({ batch: 2 })) {
      expect(step.stacked).toBeUndefined()
      seen.push(...step.samples)
    }
    expect(seen).toEqual(['a', 'bb', 'ccc'])
    const bad = await text
      .scan({ batch: 0 })
      .next()
      .catch((error: unknown) => error)
    expect(isShoalError(bad) && bad.code).toBe('INVALID_ARGUMENT')
  })
})

describe('text and json chunk reads', () => {
  it('read back ASCII and non-ASCII chunks, empty samples included', async () => {
    const path = join(await tempDir(), 'text')
    const ds = await createDataset(path)
    const text = await ds.createTensor('t', { htype: 'text', maxChunkSize: 40 })
    const json = await ds.createTensor('j', { htype: 'json', maxChunkSize: 40 })
    const strings = ['plain', '', 'ascii only', 'héllo wörld', '🐟 fish', 'more ascii', 'x']
    const objects = [{ a: 1 }, null, { s: 'ünïcode' }, { list: [1, 2.5] }, { b: 'ascii' }]
    await text.extend(strings)
    await json.extend(objects)
    await ds.flush()
    await ds.close()
    const again = await openDataset(path, { readOnly: true })
    expect(await again.tensor('t').getRange(0, strings.length)).toEqual(strings)
    expect(await again.tensor('j').getRange(0, objects.length)).toEqual(objects.map((o) => o ?? {}))
    expect(await again.tensor('t').get(3)).toBe('héllo wörld')
    await again.close()
  })
})
