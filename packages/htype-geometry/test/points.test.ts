import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { diskDataset, expectShoalError, memoryDataset, readJson, values } from './helpers/dataset.js'

const FIXTURES = '/work/shared/fixtures/deeplake-3.9.52'
const shapeOf = async (p: Promise<unknown>) => ((await p) as { shape: number[] }).shape

describe('point', () => {
  it('round-trips (n, 2) and (n, 3) points with int32 by default', async () => {
    const ds = await memoryDataset()
    const p2 = await ds.createTensor('p2', { htype: 'point' })
    await p2.extend([
      [
        [1, 2],
        [3, 4],
        [-5, 6],
      ],
      [],
      [[7, 8]],
    ])
    expect(p2.dtype).toBe('int32')
    expect(values(await p2.get(0))).toEqual([1, 2, 3, 4, -5, 6])
    expect(await shapeOf(p2.get(1))).toEqual([0, 2])
    const p3 = await ds.createTensor('p3', { htype: 'point' })
    await p3.append([[1, 2, 3]])
    expect(await shapeOf(p3.get(0))).toEqual([1, 3])
  })
  it('refuses points with 1 or 4 coordinates', async () => {
    const ds = await memoryDataset()
    const p = await ds.createTensor('p', { htype: 'point' })
    await expectShoalError(p.append([[1, 2, 3, 4]]), 'INVALID_SAMPLE', ['"p"', 'sample 0', '2 or 3'])
    expect(p.length).toBe(0)
  })
})

describe('polygon', () => {
  it('round-trips polygons with different point counts, 2-D and 3-D', async () => {
    const ds = await memoryDataset()
    const poly = await ds.createTensor('poly', { htype: 'polygon' })
    await poly.extend([
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
        [
          [5, 5],
          [6, 5],
          [6, 6],
          [5, 6],
        ],
      ],
      [],
      [
        [
          [0, 0, 1],
          [1, 0, 1],
          [1, 1, 1],
        ],
      ],
    ])
    const first = (await poly.get(0)) as { shape: number[] }[]
    expect(first.map((p) => p.shape)).toEqual([
      [3, 2],
      [4, 2],
    ])
    expect(values(first[1])).toEqual([5, 5, 6, 5, 6, 6, 5, 6])
    expect(await poly.get(1)).toEqual([])
    expect(((await poly.get(2)) as { shape: number[] }[])[0]!.shape).toEqual([3, 3])
  })
  it('refuses polygons mixing 2-D and 3-D points in one sample; nothing written', async () => {
    const ds = await memoryDataset()
    const poly = await ds.createTensor('poly', { htype: 'polygon' })
    await poly.append([
      [
        [0, 0],
        [1, 1],
        [2, 0],
      ],
    ])
    await expectShoalError(
      poly.append([
        [
          [0, 0],
          [1, 1],
          [2, 0],
        ],
        [
          [0, 0, 0],
          [1, 1, 1],
          [2, 0, 2],
        ],
      ]),
      'INVALID_SAMPLE',
      ['"poly"', 'sample 1', '3-D'],
    )
    await expectShoalError(
      poly.append([
        [
          [0, 0],
          [1, 1, 1],
          [2, 0],
        ],
      ]),
      'INVALID_SAMPLE',
      ['"poly"', 'sample 1'],
    )
    expect(poly.length).toBe(1)
  })
})

describe('keypoints_coco', () => {
  it('round-trips (3·K, objects) and keeps keypoints and connections in info, as Python does', async () => {
    const { ds, dir, done } = await diskDataset()
    try {
      const kp = await ds.createTensor('keypoints', {
        htype: 'keypoints_coco',
        keypoints: ['nose', 'left_eye', 'right_eye'],
        connections: [
          [0, 1],
          [0, 2],
        ],
      })
      const sample = [
        [10, 20],
        [11, 21],
        [2, 1],
        [30, 0],
        [31, 0],
        [2, 0],
        [0, 5],
        [0, 6],
        [0, 2],
      ]
      await kp.extend([sample, []])
      expect(await shapeOf(kp.get(0))).toEqual([9, 2])
      expect(values(await kp.get(0))).toEqual(sample.flat())
      expect(await shapeOf(kp.get(1))).toEqual([0, 0])
      await ds.close()
      const python = await readJson(join(FIXTURES, 'annotations/keypoints/tensor_meta.json'))
      const ours = await readJson(join(dir, 'keypoints/tensor_meta.json'))
      expect(Object.keys(ours).sort()).toEqual(Object.keys(python).sort())
      expect([ours.keypoints, ours.connections, ours._info]).toEqual([[], [], ['keypoints', 'connections']])
      expect(await readJson(join(dir, 'keypoints/tensor_info.json'))).toEqual(
        await readJson(join(FIXTURES, 'annotations/keypoints/tensor_info.json')),
      )
    } finally {
      await done()
    }
  })
  it('refuses a row count that is not a multiple of 3 and visibility outside 0/1/2', async () => {
    const ds = await memoryDataset()
    const kp = await ds.createTensor('kp', { htype: 'keypoints_coco' })
    await expectShoalError(kp.append([[1], [2], [2], [4]]), 'INVALID_SAMPLE', [
      '"kp"',
      'sample 0',
      'multiple of 3',
    ])
    await expectShoalError(
      kp.extend([
        [[1], [2], [2]],
        [
          [1, 1],
          [2, 2],
          [1, 3],
        ],
      ]),
      'INVALID_SAMPLE',
      ['"kp"', 'sample 1', 'visibility 3'],
    )
    await expectShoalError(kp.append([[1], [2], [-1]]), 'INVALID_SAMPLE', ['visibility -1'])
    expect(kp.length).toBe(0)
    await expectShoalError(
      ds.createTensor('bad', { htype: 'keypoints_coco', connections: [[0, 1, 2]] }),
      'INVALID_ARGUMENT',
      ['connections'],
    )
  })
})

describe('intrinsics', () => {
  it('round-trips (3, 3) and refuses other matrices', async () => {
    const { ds, dir, done } = await diskDataset()
    try {
      const k = await ds.createTensor('intrinsics', { htype: 'intrinsics' })
      await k.append([
        [500, 0, 320],
        [0, 500, 240],
        [0, 0, 1],
      ])
      expect(k.dtype).toBe('float32')
      expect(values(await k.get(0))).toEqual([500, 0, 320, 0, 500, 240, 0, 0, 1])
      await expectShoalError(
        k.append([
          [1, 2],
          [3, 4],
        ]),
        'INVALID_SAMPLE',
        ['"intrinsics"', 'sample 1', '3 × 3'],
      )
      expect(k.length).toBe(1)
      await ds.close()
      const python = await readJson(join(FIXTURES, 'annotations/intrinsics/tensor_meta.json'))
      const ours = await readJson(join(dir, 'intrinsics/tensor_meta.json'))
      expect(Object.keys(ours).sort()).toEqual(Object.keys(python).sort())
    } finally {
      await done()
    }
  })
})
