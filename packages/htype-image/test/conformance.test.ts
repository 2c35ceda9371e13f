import type { NDArray } from '@shoal/core'
import { describeHtypeConformance } from '@shoal/testkit'
import { expect } from 'vitest'
import { imageCodecs, imageHtypes } from '../src/index.js'

/** A deterministic (H, W, C) or (H, W) uint8 pattern; channels = 1 gives a 2-D gray image. */
function pattern(height: number, width: number, channels: number): NDArray<'uint8'> {
  const data = new Uint8Array(height * width * channels)
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + 11) % 256
  return { dtype: 'uint8', shape: channels === 1 ? [height, width] : [height, width, channels], data }
}

/** JPEG is lossy: same shape, and every pixel within a small distance of the original. */
function closePixels(actual: unknown, expected: unknown): void {
  const got = actual as NDArray<'uint8'>
  const want = expected as NDArray<'uint8'>
  expect([...got.shape]).toEqual([...want.shape])
  let worst = 0
  for (let i = 0; i < want.data.length; i++) worst = Math.max(worst, Math.abs(got.data[i]! - want.data[i]!))
  expect(worst).toBeLessThanOrEqual(40)
}

const flat = (height: number, width: number, value: number): NDArray<'uint8'> => ({
  dtype: 'uint8',
  shape: [height, width, 3],
  data: new Uint8Array(height * width * 3).fill(value),
})

describeHtypeConformance({
  htypes: imageHtypes,
  codecs: imageCodecs,
  roundTrips: [
    {
      title: 'png RGB, odd sizes and an empty sample',
      tensor: { htype: 'image', sampleCompression: 'png' },
      samples: [
        { title: '7×13 RGB', input: pattern(7, 13, 3), expected: pattern(7, 13, 3) },
        { title: '1×1 RGB', input: pattern(1, 1, 3), expected: pattern(1, 1, 3) },
        {
          title: 'empty',
          input: { dtype: 'uint8', shape: [0, 0, 3], data: new Uint8Array(0) },
          expected: { dtype: 'uint8', shape: [0, 0, 3], data: [] },
        },
      ],
    },
    {
      title: 'image.gray png, (H, W) samples',
      tensor: { htype: 'image.gray', sampleCompression: 'png' },
      samples: [
        { input: pattern(5, 4, 1), expected: pattern(5, 4, 1) },
        { input: pattern(2, 9, 1), expected: pattern(2, 9, 1) },
      ],
    },
    {
      title: 'jpeg, compared within a tolerance',
      tensor: { htype: 'image', sampleCompression: 'jpeg' },
      samples: [{ input: flat(8, 8, 200), expected: flat(8, 8, 200) }],
      compare: closePixels,
    },
  ],
  invalid: [
    {
      title: 'a 5-channel array into a png tensor',
      tensor: { htype: 'image', sampleCompression: 'png' },
      before: [pattern(3, 3, 3)],
      input: pattern(3, 3, 5),
      code: 'INVALID_SAMPLE',
    },
    {
      title: 'a float array into a jpeg tensor',
      tensor: { htype: 'image', sampleCompression: 'jpeg' },
      before: [flat(4, 4, 100)],
      input: { dtype: 'float32', shape: [4, 4, 3], data: new Float32Array(48).fill(0.5) },
      code: 'INVALID_SAMPLE',
    },
  ],
})
