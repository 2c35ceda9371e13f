import { type NumericDtype, typedView } from '../dtype.js'
import type { NDArray } from '../ndarray.js'

/** One sample of a chunk as the canvas sees it: its raw bytes and stored shape. */
export interface CanvasSample {
  readonly data: Uint8Array
  readonly shape: readonly number[] | undefined
}

/**
 * Pastes a chunk's samples left to right into one zero-filled image (spec §2.4.3): height is the
 * tallest sample, width the sum of widths, and empty samples take no width. 2-D samples make a
 * 2-D canvas. The caller has checked that every sample has the same channel count.
 */
export function composeCanvas(
  samples: readonly CanvasSample[],
  dtype: NumericDtype,
  itemBytes: number,
): NDArray {
  let height = 0
  let width = 0
  let channels = 1
  let rank = 2
  for (const { shape } of samples) {
    if (!shape || shape.every((d) => d === 0) || shape.includes(0)) continue
    height = Math.max(height, shape[0]!)
    width += shape[1]!
    if (shape.length > 2) {
      rank = 3
      channels = shape[2]!
    }
  }
  const canvas = new Uint8Array(height * width * channels * itemBytes)
  const canvasRow = width * channels * itemBytes
  let x0 = 0
  for (const { data, shape } of samples) {
    if (!shape || shape.includes(0)) continue
    const [h, w] = shape as [number, number]
    const rowBytes = w * channels * itemBytes
    for (let y = 0; y < h; y++) {
      const to = y * canvasRow + x0 * channels * itemBytes
      canvas.set(data.subarray(y * rowBytes, (y + 1) * rowBytes), to)
    }
    x0 += w
  }
  const shape = rank === 3 ? [height, width, channels] : [height, width]
  return { dtype, shape, data: typedView(dtype, canvas) }
}
