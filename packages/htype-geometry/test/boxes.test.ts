import { join } from 'node:path'
import { openDataset } from '@shoal/core'
import { describe, expect, it } from 'vitest'
import { geometryCodecs, geometryHtypes } from '../src/index.js'
import { diskDataset, expectShoalError, memoryDataset, readJson, values } from './helpers/dataset.js'

const FIXTURES = '/work/shared/fixtures/deeplake-3.9.52'

describe('bbox', () => {
  it('round-trips boxes, zero boxes and None, and keeps coords in tensor_info', async () => {
    const { ds, dir, done } = await diskDataset()
    try {
      const boxes = await ds.createTensor('boxes', { htype: 'bbox', coords: { type: 'pixel', mode: 'LTRB' } })
      await boxes.extend([
        [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
        [],
        { dtype: 'float32', shape: [0, 4], data: new Float32Array(0) },
        null,
        [[0.5, 0.25, 0.125, 1]],
      ])
      await ds.close()
      const back = await openDataset(dir, { htypes: geometryHtypes, codecs: geometryCodecs })
      const t = back.tensor('boxes')
      expect(t.length).toBe(5)
      const first = (await t.get(0)) as { shape: number[] }
      expect(first.shape).toEqual([2, 4])
      expect(values(first)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
      expect(((await t.get(1)) as { shape: number[] }).shape).toEqual([0, 4])
      expect(((await t.get(2)) as { shape: number[] }).shape).toEqual([0, 4])
      // None is an all-zero shape of the tensor's rank, as Python stores it.
      expect(((await t.get(3)) as { shape: number[] }).shape).toEqual([0, 0])
      expect(values(await t.get(4))).toEqual([0.5, 0.25, 0.125, 1])
      expect(t.info.coords).toEqual({ type: 'pixel', mode: 'LTRB' })
      await back.close()
    } finally {
      await done()
    }
  })

  it('writes the tensor_meta and tensor_info keys Python writes', async () => {
    const { ds, dir, done } = await diskDataset()
    try {
      await ds.createTensor('boxes', { htype: 'bbox', coords: { type: 'pixel', mode: 'LTWH' } })
      await ds.createTensor('plain', { htype: 'bbox' })
      await ds.close()
      const python = await readJson(join(FIXTURES, 'annotations/boxes/tensor_meta.json'))
      const ours = await readJson(join(dir, 'boxes/tensor_meta.json'))
      expect(Object.keys(ours).sort()).toEqual(Object.keys(python).sort())
      expect(ours.coords).toEqual({})
      expect(ours._info).toEqual(['coords'])
      expect(ours.dtype).toBe('float32')
      expect(await readJson(join(dir, 'boxes/tensor_info.json'))).toEqual(
        await readJson(join(FIXTURES, 'annotations/boxes/tensor_info.json')),
      )
      expect(await readJson(join(dir, 'plain/tensor_info.json'))).toEqual({ coords: {} })
    } finally {
      await done()
    }
  })

  it('stores sequence[bbox] with per-item box counts', async () => {
    const ds = await memoryDataset()
    const seq = await ds.createTensor('seq', { htype: 'sequence[bbox]' })
    await seq.extend([
      [
        [[1, 2, 3, 4]],
        [],
        [
          [0, 0, 1, 1],
          [2, 2, 3, 3],
        ],
      ],
      [[[9, 9, 9, 9]]],
    ])
    const items = (await seq.get(0)) as { shape: number[] }[]
    expect(items.map((i) => i.shape)).toEqual([
      [1, 4],
      [0, 4],
      [2, 4],
    ])
    await expectShoalError(seq.append([[[1, 2, 3]]]), 'INVALID_SAMPLE', ['"seq"'])
    expect(seq.length).toBe(2)
  })

  it('refuses a bbox that is not (n, 4), naming tensor and index, and writes nothing', async () => {
    const ds = await memoryDataset()
    const boxes = await ds.createTensor('boxes', { htype: 'bbox' })
    await boxes.append([[1, 2, 3, 4]])
    const e = await expectShoalError(boxes.extend([[[1, 2, 3, 4]], [[1, 2, 3]]]), 'INVALID_SAMPLE', [
      '"boxes"',
      'sample 2',
      '4 numbers',
    ])
    expect(e.tensor).toBe('boxes')
    expect(e.index).toBe(2)
    await expectShoalError(boxes.append([1, 2, 3, 4]), 'INVALID_SAMPLE', [
      '"boxes"',
      'sample 1',
      '2 dimensions',
    ])
    await expectShoalError(boxes.append([[[1, 2, 3, 4]]]), 'INVALID_SAMPLE', ['"boxes"'])
    expect(boxes.length).toBe(1)
  })

  it('refuses coords with an unknown type, mode or key before creating anything', async () => {
    const ds = await memoryDataset()
    await expectShoalError(
      ds.createTensor('a', { htype: 'bbox', coords: { type: 'percent', mode: 'LTWH' } }),
      'INVALID_ARGUMENT',
      ['"a"', 'coords.type', 'percent'],
    )
    await expectShoalError(
      ds.createTensor('b', { htype: 'bbox', coords: { type: 'pixel', mode: 'XYXY' } }),
      'INVALID_ARGUMENT',
      ['"b"', 'coords.mode', 'XYXY'],
    )
    await expectShoalError(
      ds.createTensor('c', { htype: 'bbox', coords: { units: 'px' } }),
      'INVALID_ARGUMENT',
      ['unknown key', 'units'],
    )
    await expectShoalError(
      ds.createTensor('d', { htype: 'bbox.3d', coords: { mode: 'corner' } }),
      'INVALID_ARGUMENT',
      ['"d"', 'corner'],
    )
    await expectShoalError(
      ds.createTensor('e', { htype: 'bbox.3d', coords: { type: 'pixel', mode: 'center' } }),
      'INVALID_ARGUMENT',
      ['unknown key', 'type'],
    )
    expect(ds.tensorNames).toEqual([])
  })
})

describe('bbox.3d', () => {
  it('round-trips center boxes (n, 9) and vertex boxes (n, 8, 3)', async () => {
    const ds = await memoryDataset()
    const center = await ds.createTensor('center', { htype: 'bbox.3d', coords: { mode: 'center' } })
    const box = [1, 2, 3, 4, 5, 6, 0, 0, 90]
    await center.extend([[box, box], []])
    expect(((await center.get(0)) as { shape: number[] }).shape).toEqual([2, 9])
    expect(values(await center.get(0))).toEqual([...box, ...box])
    expect(((await center.get(1)) as { shape: number[] }).shape).toEqual([0, 9])
    const vertex = await ds.createTensor('vertex', { htype: 'bbox.3d', coords: { mode: 'vertex' } })
    const corners = Array.from({ length: 8 }, (_, i) => [i, i + 1, i + 2])
    await vertex.extend([[corners], []])
    expect(((await vertex.get(0)) as { shape: number[] }).shape).toEqual([1, 8, 3])
    expect(((await vertex.get(1)) as { shape: number[] }).shape).toEqual([0, 8, 3])
    expect(center.info.coords).toEqual({ mode: 'center' })
  })

  it('refuses a box that fits neither mode, or the other mode than coords says; nothing written', async () => {
    const ds = await memoryDataset()
    const free = await ds.createTensor('free', { htype: 'bbox.3d' })
    await expectShoalError(free.append([[1, 2, 3, 4, 5, 6, 7, 8]]), 'INVALID_SAMPLE', [
      '"free"',
      'sample 0',
      'fits neither mode',
    ])
    await expectShoalError(free.append([Array.from({ length: 7 }, () => [1, 2, 3])]), 'INVALID_SAMPLE', [
      'fits neither mode',
    ])
    const center = await ds.createTensor('center', { htype: 'bbox.3d', coords: { mode: 'center' } })
    await center.append([[1, 2, 3, 4, 5, 6, 0, 0, 0]])
    const corners = Array.from({ length: 8 }, () => [0, 0, 0])
    await expectShoalError(center.append([corners]), 'INVALID_SAMPLE', ['"center"', 'sample 1'])
    const vertex = await ds.createTensor('vertex', { htype: 'bbox.3d', coords: { mode: 'vertex' } })
    await expectShoalError(vertex.append([[1, 2, 3, 4, 5, 6, 0, 0, 0]]), 'INVALID_SAMPLE', [
      '"vertex"',
      'center box',
    ])
    expect([free.length, center.length, vertex.length]).toEqual([0, 1, 0])
  })
})
