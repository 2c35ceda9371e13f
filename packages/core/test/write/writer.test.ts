import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDataset, isShoalError, type NDArray, openDataset } from '../../src/index.js'
import { cleanTemps, copyFixture, tempDir } from '../helpers/fixtures.js'

afterAll(cleanTemps)

const values = (array: unknown) => Array.from((array as NDArray).data as ArrayLike<number>, Number)

describe('writing datasets', () => {
  it('creates tensors, appends every kind of sample, and reads them back after reopening', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const ints = await ds.createTensor('ints', { dtype: 'int32' })
    await ints.extend([[1, 2, 3], Int32Array.of(4, 5), null])
    const text = await ds.createTensor('captions', { htype: 'text' })
    await text.extend(['héllo', null, '日本'])
    const json = await ds.createTensor('meta', { htype: 'json' })
    await json.extend([{ a: [1, 2], b: 'ü' }, null])
    const list = await ds.createTensor('words', { htype: 'list' })
    await list.extend([['x', 1], []])
    const labels = await ds.createTensor('labels', { htype: 'class_label', classNames: ['cat'] })
    await labels.extend(['dog', 0, ['cat', 'bird']])
    const group = await ds.createTensor('g/emb', { htype: 'embedding' })
    await group.append(Float32Array.of(0.5, 1.5))
    await ds.info.update({ purpose: 'test' })
    await ds.close()

    const back = await openDataset(path, { readOnly: true })
    expect(back.tensorNames).toEqual(['ints', 'captions', 'meta', 'words', 'labels', 'g/emb'])
    expect(back.groups).toEqual(['g'])
    expect(back.info).toEqual({ purpose: 'test' })
    expect(back.tensor('ints').dtype).toBe('int32')
    expect(values(await back.tensor('ints').get(0))).toEqual([1, 2, 3])
    expect(((await back.tensor('ints').get(2)) as NDArray).shape).toEqual([0])
    expect(await back.tensor('captions').getRange(0, 3)).toEqual(['héllo', '', '日本'])
    expect(await back.tensor('meta').get(1)).toEqual({})
    expect(await back.tensor('words').get(0)).toEqual(['x', 1])
    expect(back.tensor('labels').info.class_names).toEqual(['cat', 'dog', 'bird'])
    expect(await back.tensor('labels').labelNames(2)).toEqual(['cat', 'bird'])
    expect(values(await back.tensor('g/emb').get(0))).toEqual([0.5, 1.5])
    expect(back.tensor('_ints_id').length).toBe(3)
    expect(values(await back.tensor('_ints_shape').get(0))).toEqual([3])
    await back.close()
  })

  it('infers the dtype of a generic tensor from its first sample, as numpy does', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'))
    const t = await ds.createTensor('x')
    await t.append([1, 2, 3])
    expect(t.dtype).toBe('int64')
    expect(t.meta.typestr).toBe('<i8')
    const f = await ds.createTensor('f')
    await f.append(Float32Array.of(1.5))
    expect(f.dtype).toBe('float32')
    await ds.close()
  })

  it('copies appended data, so a caller may refill one buffer between appends', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'))
    const t = await ds.createTensor('x', { dtype: 'uint8' })
    const buffer = new Uint8Array(4)
    for (let i = 0; i < 3; i++) {
      buffer.fill(i + 1)
      await t.append(buffer)
    }
    await ds.flush()
    expect(await Promise.all([0, 1, 2].map(async (i) => values(await t.get(i))))).toEqual([
      [1, 1, 1, 1],
      [2, 2, 2, 2],
      [3, 3, 3, 3],
    ])
    await ds.close()
  })

  it('takes large batches in one extend (10,000 samples, ids drawn in bulk)', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const t = await ds.createTensor('words', { htype: 'text' })
    await t.extend(Array.from({ length: 10_000 }, (_, i) => `w${i}`))
    await ds.close()
    const back = await openDataset(path, { readOnly: true })
    expect(back.tensor('_words_id').length).toBe(10_000)
    const ids = await back.tensor('_words_id').getRange(0, 10_000)
    expect(new Set(ids.map((id) => (id as NDArray<'uint64'>).data[0])).size).toBe(10_000)
    expect(await back.tensor('words').getRange(9_998, 10_000)).toEqual(['w9998', 'w9999'])
    await back.close()
  })

  it('writes each sample’s shape and a distinct id, whether a batch packs them or not', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const t = await ds.createTensor('m', { dtype: 'uint8' })
    const matrix = (rows: number, cols: number) => ({
      shape: [rows, cols],
      data: new Uint8Array(rows * cols),
    })
    // One rank: the shapes go in as one packed batch.
    await t.extend([matrix(2, 3), matrix(70_000, 1), matrix(0, 5)])
    // An empty sample of unknown rank next to 2-d ones: item by item.
    const u = await ds.createTensor('u', { dtype: 'uint8' })
    await u.extend([null, matrix(4, 1)])
    await ds.close()
    const back = await openDataset(path, { readOnly: true })
    const shapes = await back.tensor('_m_shape').getRange(0, 3)
    expect(shapes.map(values)).toEqual([
      [2, 3],
      [70_000, 1],
      [0, 5],
    ])
    expect((await back.tensor('_u_shape').getRange(0, 2)).map(values)).toEqual([[0], [4, 1]])
    const ids = (await back.tensor('_m_id').getRange(0, 3)).map((id) => (id as NDArray<'uint64'>).data[0])
    expect(new Set(ids).size).toBe(3)
    await back.close()
  })

  it('keeps companions readable in the session that writes them', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'))
    const t = await ds.createTensor('x', { dtype: 'int16' })
    await t.extend([[1, 2], [3]])
    // Opened only now, after the appends: built from the writer's state, not the files.
    expect(ds.tensor('_x_id').length).toBe(2)
    expect(values(await ds.tensor('_x_shape').get(1))).toEqual([1])
    await t.append([4, 5, 6])
    expect(ds.tensor('_x_shape').length).toBe(3)
    expect(values(await ds.tensor('_x_shape').get(2))).toEqual([3])
    await ds.close()
  })

  it('reads samples appended but not yet flushed', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'))
    const t = await ds.createTensor('x', { dtype: 'uint8' })
    await t.append([1, 2])
    expect(values(await t.get(0))).toEqual([1, 2])
    await t.append([3])
    expect(values(await t.get(1))).toEqual([3])
    await ds.close()
  })

  it('splits into many chunks and tiles large samples, readable after reopening', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const t = await ds.createTensor('x', { dtype: 'float32', maxChunkSize: 1000, tilingThreshold: 800 })
    const big = Float32Array.from({ length: 30 * 20 }, (_, i) => i)
    await t.extend([
      { shape: [1, 2], data: Float32Array.of(1, 2) },
      { shape: [30, 20], data: big },
      { shape: [10, 10], data: Float32Array.from({ length: 100 }, (_, i) => -i) },
    ])
    const lz4 = await ds.createTensor('y', { dtype: 'int16', chunkCompression: 'lz4', maxChunkSize: 200 })
    for (let i = 0; i < 40; i++) await lz4.append(Int16Array.from({ length: 20 }, (_, k) => i * 100 + k))
    await ds.close()
    const back = await openDataset(path, { readOnly: true })
    const tiled = (await back.tensor('x').get(1)) as NDArray
    expect(tiled.shape).toEqual([30, 20])
    expect(values(tiled)).toEqual(Array.from(big))
    expect(values(await back.tensor('x').get(2))).toEqual(Array.from({ length: 100 }, (_, i) => -i))
    expect(values(await back.tensor('y').get(39))).toEqual(Array.from({ length: 20 }, (_, k) => 3900 + k))
    await back.close()
  })

  it('appends to a dataset Python wrote', async () => {
    const path = await copyFixture('generic')
    const ds = await openDataset(path)
    const t = ds.tensor('int32_1d')
    await t.append([7, 8])
    await ds.close()
    const back = await openDataset(path, { readOnly: true })
    expect(back.tensor('int32_1d').length).toBe(5)
    expect(values(await back.tensor('int32_1d').get(4))).toEqual([7, 8])
    expect(values(await back.tensor('int32_1d').get(0))).toEqual([0, 1, 2])
    expect(back.tensor('_int32_1d_id').length).toBe(5)
    await back.close()
  })

  it('writes Python-exact metadata files', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    await (await ds.createTensor('t', { htype: 'text' })).append('a')
    await ds.close()
    const meta = await readFile(join(path, 't', 'tensor_meta.json'), 'utf8')
    expect(meta).toContain('    "htype": "text",\n')
    expect(JSON.parse(meta)).toMatchObject({
      length: 1,
      dtype: 'str',
      min_shape: [1],
      max_shape: [1],
      version: '3.9.52',
    })
    const vc = await readFile(join(path, 'version_control_info.json'), 'utf8')
    expect(JSON.parse(vc).branches).toEqual({ main: 'firstdbf9474d461a19e9333c2fd19b46115348f' })
  })
})

describe('dataset lifecycle', () => {
  it('refuses to create over an existing dataset unless told to overwrite', async () => {
    const path = join(await tempDir(), 'ds')
    await (await createDataset(path)).close()
    await expect(createDataset(path)).rejects.toSatisfy((e) => isShoalError(e, 'ALREADY_EXISTS'))
    const again = await createDataset(path, { overwrite: true })
    expect(again.tensorNames).toEqual([])
    await again.close()
  })
})
