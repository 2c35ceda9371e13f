import { describeHtypeConformance } from '@shoal/testkit'
import { expect } from 'vitest'
import { halfToNumber, heatmapHtypes } from '../src/index.js'

/** What a heatmap reads back as: its shape and its cells as numbers. */
interface Grid {
  readonly shape: readonly number[]
  readonly values: readonly number[]
}

const grid = (rows: readonly (readonly number[])[]): Grid => ({
  shape: [rows.length, rows[0]?.length ?? 0],
  values: rows.flat(),
})

/** Read-back samples are float16 bits: decode them before comparing with the numbers written. */
function sameGrid(actual: unknown, expected: unknown): void {
  const sample = actual as { dtype: string; shape: readonly number[]; data: Uint16Array }
  const want = expected as Grid
  expect(sample.dtype).toBe('float16')
  expect([...sample.shape]).toEqual([...want.shape])
  expect(Array.from(sample.data, halfToNumber)).toEqual([...want.values])
}

// Every value below is exactly representable in float16, so the round trip is exact.
const small = [
  [0, 0.5, -1.25],
  [1024, 65504, -0.0009765625],
]
const single = [[3.5]]
const cube = [[[1]], [[2]]]

describeHtypeConformance({
  htypes: heatmapHtypes,
  roundTrips: [
    {
      title: 'uncompressed',
      tensor: { htype: 'heatmap' },
      samples: [
        { title: '2×3 from nested arrays', input: small, expected: grid(small) },
        {
          title: '1×1 from a float32 NDArray',
          input: { dtype: 'float32', shape: [1, 1], data: Float32Array.of(3.5) },
          expected: grid(single),
        },
        {
          title: 'empty 0×4',
          input: { dtype: 'float16', shape: [0, 4], data: new Uint16Array(0) },
          expected: { shape: [0, 4], values: [] },
        },
      ],
      compare: sameGrid,
    },
    {
      title: 'lz4 chunk compression',
      tensor: { htype: 'heatmap', chunkCompression: 'lz4' },
      samples: [
        { input: small, expected: grid(small) },
        { input: single, expected: grid(single) },
      ],
      compare: sameGrid,
    },
  ],
  invalid: [
    {
      title: 'a 3-D sample',
      tensor: { htype: 'heatmap' },
      before: [single],
      input: cube,
      code: 'INVALID_SAMPLE',
    },
    { title: 'a 1-D sample', tensor: { htype: 'heatmap' }, input: [1, 2, 3], code: 'INVALID_SAMPLE' },
    {
      title: 'a NaN cell',
      tensor: { htype: 'heatmap' },
      before: [small],
      input: [
        [1, Number.NaN],
        [0, 0],
      ],
      code: 'INVALID_SAMPLE',
    },
    {
      title: 'an infinite cell',
      tensor: { htype: 'heatmap', chunkCompression: 'lz4' },
      before: [single],
      input: { dtype: 'float32', shape: [1, 2], data: Float32Array.of(0, Number.NEGATIVE_INFINITY) },
      code: 'INVALID_SAMPLE',
    },
    {
      title: 'a value float16 cannot hold',
      tensor: { htype: 'heatmap' },
      before: [single],
      input: [[70000]],
      code: 'INVALID_SAMPLE',
    },
  ],
})
