import { allocTyped, type NDArray } from '@shoal/core/plugin'

/** Channel count of an image array: the last axis of (H, W, C), 1 for (H, W). */
export function channelsOf(shape: readonly number[]): number {
  return shape.length === 3 ? shape[2]! : 1
}

/**
 * Deep Lake's RGB → gray: each weighted channel truncated to an integer before the sum
 * (0.299 R + 0.587 G + 0.114 B), alpha ignored. Returns (H, W).
 */
export function toGray(image: NDArray, rounding: 'deeplake' | 'pillow' = 'deeplake'): NDArray {
  const [height, width] = image.shape as [number, number]
  const channels = channelsOf(image.shape)
  if (channels === 1) return { ...image, shape: [height, width] }
  const src = image.data as ArrayLike<number>
  const out = allocTyped(image.dtype as 'uint8', height * width) as unknown as Float64Array
  for (let p = 0, s = 0; p < height * width; p++, s += channels) {
    if (channels === 2) {
      out[p] = src[s]!
      continue
    }
    const [r, g, b] = [src[s]!, src[s + 1]!, src[s + 2]!]
    out[p] =
      rounding === 'pillow'
        ? (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16
        : Math.trunc(0.299 * r) + Math.trunc(0.587 * g) + Math.trunc(0.114 * b)
  }
  return { dtype: image.dtype, shape: [height, width], data: out as unknown as NDArray['data'] }
}

/** Deep Lake's conversion to RGB: gray is repeated into three channels, alpha is dropped. */
export function toRgb(image: NDArray): NDArray {
  const [height, width] = image.shape as [number, number]
  const channels = channelsOf(image.shape)
  if (channels === 3) return image
  const src = image.data as ArrayLike<number>
  const out = allocTyped(image.dtype as 'uint8', height * width * 3) as unknown as Float64Array
  for (let p = 0, s = 0, d = 0; p < height * width; p++, s += channels, d += 3) {
    if (channels <= 2) {
      out[d] = out[d + 1] = out[d + 2] = src[s]!
    } else {
      out[d] = src[s]!
      out[d + 1] = src[s + 1]!
      out[d + 2] = src[s + 2]!
    }
  }
  return { dtype: image.dtype, shape: [height, width, 3], data: out as unknown as NDArray['data'] }
}

/** Adds an opaque alpha channel (max value of the dtype) to gray or RGB pixels. */
function withAlpha(image: NDArray, opaque: number): NDArray {
  const rgb = toRgb(image)
  const [height, width] = rgb.shape as [number, number]
  const src = rgb.data as ArrayLike<number>
  const out = allocTyped(image.dtype as 'uint8', height * width * 4) as unknown as Float64Array
  for (let p = 0; p < height * width; p++) {
    out[p * 4] = src[p * 3]!
    out[p * 4 + 1] = src[p * 3 + 1]!
    out[p * 4 + 2] = src[p * 3 + 2]!
    out[p * 4 + 3] = opaque
  }
  return { dtype: image.dtype, shape: [height, width, 4], data: out as unknown as NDArray['data'] }
}

/**
 * Makes decoded pixels match the channel count the tensor stored for the sample (a gray image
 * saved as webp decodes as RGB; a GIF decodes with alpha). Returns the input when they match.
 */
export function fitChannels(image: NDArray, channels: number, opaque = 255): NDArray {
  const have = channelsOf(image.shape)
  if (have === channels) return image
  // A decoder widened a gray file: Pillow's rounded luma gives the gray values back exactly.
  if (channels === 1) return toGray(image, 'pillow')
  if (channels === 3) return toRgb(image)
  if (channels === 4) return withAlpha(image, opaque)
  if (channels === 2) {
    const gray = toGray(image, 'pillow')
    const [height, width] = gray.shape as [number, number]
    const src = gray.data as ArrayLike<number>
    const alpha = have === 4 ? (image.data as ArrayLike<number>) : undefined
    const out = allocTyped(image.dtype as 'uint8', height * width * 2) as unknown as Float64Array
    for (let p = 0; p < height * width; p++) {
      out[p * 2] = src[p]!
      out[p * 2 + 1] = alpha ? alpha[p * 4 + 3]! : opaque
    }
    return { dtype: image.dtype, shape: [height, width, 2], data: out as unknown as NDArray['data'] }
  }
  throw new Error(`cannot turn ${have} channels into ${channels}`)
}
