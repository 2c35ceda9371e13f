import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDataset, isShoalError, type NDArray, openDataset } from '../../src/index.js'
import { cleanTemps, copyFixture, snapshot, tempDir } from '../helpers/fixtures.js'

afterAll(cleanTemps)

const values = (array: unknown) => Array.from((array as NDArray).data as ArrayLike<number>, Number)

describe('tensor.set', () => {
  it('replaces samples in flushed and unflushed chunks, keeping the others', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const t = await ds.createTensor('x', { dtype: 'int32', maxChunkSize: 64 })
    for (let i = 0; i < 10; i++) await t.append([i, i])
    await ds.flush()
    await t.set(1, [10, 11, 12]) // in a sealed, flushed chunk
    await t.set(9, [99]) // in the open chunk
    const words = await ds.createTensor('w', { htype: 'text', chunkCompression: 'lz4' })
    await words.extend(['a', 'b', 'c'])
    await ds.flush()
    await words.set(1, 'béé')
    await ds.close()
    const back = await openDataset(path, { readOnly: true })
    const x = back.tensor('x')
    expect(values(await x.get(1))).toEqual([10, 11, 12])
    expect(values(await x.get(9))).toEqual([99])
    expect(values(await x.get(2))).toEqual([2, 2])
    expect(x.meta.maxShape).toEqual([3])
    expect(x.meta.minShape).toEqual([1])
    expect(values(await back.tensor('_x_shape').get(1))).toEqual([3])
    expect(await back.tensor('w').getRange(0, 3)).toEqual(['a', 'béé', 'c'])
    await back.close()
  })

  it('rejects a bad value without changing anything', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const t = await ds.createTensor('x', { dtype: 'uint8' })
    await t.extend([[1], [2]])
    await ds.flush()
    const before = await snapshot(path)
    await expect(t.set(0, [256])).rejects.toSatisfy((e) => isShoalError(e, 'INVALID_SAMPLE'))
    await expect(t.set(5, [1])).rejects.toSatisfy((e) => isShoalError(e, 'INDEX_OUT_OF_RANGE'))
    await ds.flush()
    expect(await snapshot(path)).toEqual(before)
    await ds.close()
  })

  it('refuses to replace a tiled sample, changing nothing', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const t = await ds.createTensor('x', { dtype: 'float32', tilingThreshold: 64 })
    await t.append({ shape: [8, 8], data: new Float32Array(64) }) // 256 bytes: tiled
    await ds.flush()
    const before = await snapshot(path)
    await expect(t.set(0, { shape: [1, 1], data: Float32Array.of(1) })).rejects.toSatisfy((e) =>
      isShoalError(e, 'UNSUPPORTED'),
    )
    await ds.flush()
    expect(await snapshot(path)).toEqual(before)
    expect(((await t.get(0)) as NDArray).shape).toEqual([8, 8])
    await ds.close()
  })

  it('copies an ancestor commit’s chunk into the head (copy-on-write) and lists it in chunk_set', async () => {
    const path = await copyFixture('version_control')
    const ds = await openDataset(path)
    const head = ds.version
    expect(head).not.toBe('firstdbf9474d461a19e9333c2fd19b46115348f')
    const rootChunks = await snapshot(join(path, 'x', 'chunks'))
    await ds.tensor('x').set(4, [7, 7, 7])
    await ds.tensor('x').append([8])
    await ds.close()
    // The committed (root) chunk files are untouched; the head has its own copies.
    expect(await snapshot(join(path, 'x', 'chunks'))).toEqual(rootChunks)
    const headChunks = await readdir(join(path, 'versions', head, 'x', 'chunks'))
    const chunkSet = (await readFile(join(path, 'versions', head, 'x', 'chunk_set'), 'utf8')).split(',')
    for (const name of headChunks) expect(chunkSet).toContain(name)
    const back = await openDataset(path, { readOnly: true })
    expect(values(await back.tensor('x').get(4))).toEqual([7, 7, 7])
    expect(values(await back.tensor('x').get(5))).toEqual([8])
    // Older commits still read their own values.
    const first = await openDataset(path, {
      readOnly: true,
      version: 'firstdbf9474d461a19e9333c2fd19b46115348f',
    })
    expect(first.tensor('x').length).toBe(3)
    expect(values(await first.tensor('x').get(2))).not.toEqual([7, 7, 7])
    await back.close()
    await first.close()
  })

  it('refuses writes at a commit that is not a branch head', async () => {
    const path = await copyFixture('version_control')
    const ds = await openDataset(path, { version: 'firstdbf9474d461a19e9333c2fd19b46115348f' })
    expect(ds.readOnly).toBe(true)
    await expect(ds.tensor('x').append([1])).rejects.toSatisfy((e) => isShoalError(e, 'READ_ONLY'))
    await ds.close()
  })
})
