import { describe, expect, it } from 'vitest'
import { convertBoxes, inferBoxCoords } from '../src/index.js'
import { expectShoalError } from './helpers/dataset.js'

const list = (a: { data: ArrayLike<number> }) => Array.from(a.data)

describe('inferBoxCoords', () => {
  it('assumes fractional CCWH when coordinates average below 1, else pixel LTWH', () => {
    expect(inferBoxCoords([[0.5, 0.5, 0.2, 0.4]])).toEqual({ type: 'fractional', mode: 'CCWH' })
    expect(inferBoxCoords([[10, 20, 30, 40]])).toEqual({ type: 'pixel', mode: 'LTWH' })
    // mean of [0.9, 0.9, 0.9, 1.5] = 1.05: not below 1
    expect(inferBoxCoords([[0.9, 0.9, 0.9, 1.5]])).toEqual({ type: 'pixel', mode: 'LTWH' })
    // mean exactly 1 is not below 1
    expect(inferBoxCoords({ dtype: 'float32', shape: [1, 4], data: Float32Array.of(1, 1, 1, 1) }).type).toBe(
      'pixel',
    )
    expect(inferBoxCoords([])).toEqual({ type: 'pixel', mode: 'LTWH' })
  })
})

describe('convertBoxes', () => {
  const size = { width: 200, height: 100 }
  it('converts between modes (hand-computed)', () => {
    // LTWH (10, 20, 30, 40) → LTRB (10, 20, 40, 60) → CCWH (25, 40, 30, 40)
    const ltwh = { type: 'pixel', mode: 'LTWH' } as const
    expect(list(convertBoxes([[10, 20, 30, 40]], ltwh, { type: 'pixel', mode: 'LTRB' }))).toEqual([
      10, 20, 40, 60,
    ])
    expect(list(convertBoxes([[10, 20, 30, 40]], ltwh, { type: 'pixel', mode: 'CCWH' }))).toEqual([
      25, 40, 30, 40,
    ])
    expect(list(convertBoxes([[25, 40, 30, 40]], { type: 'pixel', mode: 'CCWH' }, ltwh))).toEqual([
      10, 20, 30, 40,
    ])
  })
  it('converts between pixel and fractional with the image size', () => {
    // YOLO (0.5, 0.5, 0.2, 0.4) on 200×100 → pixel LTWH (80, 30, 40, 40)
    const yolo = { type: 'fractional', mode: 'CCWH' } as const
    const coco = { type: 'pixel', mode: 'LTWH' } as const
    const out = convertBoxes([[0.5, 0.5, 0.2, 0.4]], yolo, coco, size)
    expect(out.shape).toEqual([1, 4])
    expect(list(out).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([80, 30, 40, 40])
    const back = convertBoxes(out, coco, yolo, size)
    expect(list(back).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0.5, 0.5, 0.2, 0.4])
    expect(convertBoxes([], coco, yolo, size).shape).toEqual([0, 4])
  })
  it('refuses a missing image size, unknown coords and boxes without 4 numbers', async () => {
    const yolo = { type: 'fractional', mode: 'CCWH' } as const
    const coco = { type: 'pixel', mode: 'LTWH' } as const
    await expectShoalError((async () => convertBoxes([[1, 2, 3, 4]], yolo, coco))(), 'INVALID_ARGUMENT', [
      'image size',
    ])
    await expectShoalError(
      (async () => convertBoxes([[1, 2, 3, 4]], coco, { type: 'pixel', mode: 'XYWH' as never }))(),
      'INVALID_ARGUMENT',
      ['XYWH'],
    )
    await expectShoalError((async () => convertBoxes([[1, 2, 3]], coco, coco))(), 'INVALID_ARGUMENT', ['4'])
  })
})
