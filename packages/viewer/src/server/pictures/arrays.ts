/** Numeric arrays as pixels: image arrays of any dtype, raw video frames, and 2-D heat maps. */
import type { NDArray } from '@shoal/core'
import { ShoalError } from '@shoal/core'
import { numberAt } from '../numbers.js'
import type { RawPixels } from './png.js'

function range(array: NDArray, count: number): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < count; i++) {
    const v = numberAt(array, i)
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 }
}

/**
 * An image array `(H, W)` or `(H, W, C)` — or the first frame of `(frames, H, W, C)` — as 8-bit
 * pixels. uint8 is kept; other dtypes are scaled: [0, 1] floats by 255, anything else from its
 * own min–max. Channels past the fourth are left out.
 */
export function arrayToPixels(array: NDArray, frames = false): RawPixels {
  const shape = frames ? array.shape.slice(1) : array.shape
  const [height = 0, width = 0, stored = 1] = shape
  if (shape.length < 2 || shape.length > 3 || height === 0 || width === 0) {
    throw new ShoalError('UNSUPPORTED', `an array of shape [${array.shape.join(', ')}] is not a picture`)
  }
  const channels = Math.min(stored, 4) as 1 | 2 | 3 | 4
  const pixels = height * width
  const data = new Uint8Array(pixels * channels)
  const count = pixels * stored
  const { min, max } = array.dtype === 'uint8' ? { min: 0, max: 255 } : range(array, count)
  const unit = array.dtype !== 'uint8' && min >= 0 && max <= 1
  const scale = array.dtype === 'uint8' ? 1 : unit ? 255 : max > min ? 255 / (max - min) : 0
  const offset = array.dtype === 'uint8' || unit ? 0 : min
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < channels; c++) {
      const v = numberAt(array, p * stored + c)
      data[p * channels + c] = Number.isFinite(v)
        ? Math.max(0, Math.min(255, Math.round((v - offset) * scale)))
        : 0
    }
  }
  return { width, height, channels, data }
}

/** The heat map's colour ramp, low to high: deep blue, violet, teal, green-yellow, pale yellow. */
const RAMP: readonly (readonly [number, number, number])[] = [
  [18, 22, 64],
  [72, 50, 150],
  [28, 146, 152],
  [150, 206, 72],
  [252, 242, 150],
]

function rampColor(t: number): readonly [number, number, number] {
  const x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1)
  const k = Math.min(RAMP.length - 2, Math.floor(x))
  const f = x - k
  const a = RAMP[k]!
  const b = RAMP[k + 1]!
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]
}

/**
 * A 2-D array (or `(H, W, 1)`) as a heat map from its own min to max. NaN and infinities are
 * transparent.
 */
export function heatmapPixels(array: NDArray, height: number, width: number): RawPixels {
  const count = height * width
  const { min, max } = range(array, count)
  const span = max > min ? max - min : 1
  const data = new Uint8Array(count * 4)
  for (let i = 0; i < count; i++) {
    const v = numberAt(array, i)
    if (!Number.isFinite(v)) continue
    const [r, g, b] = rampColor((v - min) / span)
    data.set([Math.round(r), Math.round(g), Math.round(b), 255], i * 4)
  }
  return { width, height, channels: 4, data }
}
