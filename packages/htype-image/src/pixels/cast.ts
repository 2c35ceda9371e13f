import { allocTyped, type NDArray, type NumericDtype } from '@shoal/core/plugin'

/**
 * Casts decoded pixels to the tensor's dtype (Deep Lake casts decoded images the same way);
 * bool means "not zero".
 */
export function castPixels(image: NDArray, dtype: NumericDtype): NDArray {
  if (image.dtype === dtype) return image
  const src = image.data as ArrayLike<number>
  const out = allocTyped(dtype, src.length)
  if (dtype === 'bool') {
    const bytes = out as Uint8Array
    for (let i = 0; i < src.length; i++) bytes[i] = src[i] ? 1 : 0
  } else if (dtype === 'int64' || dtype === 'uint64') {
    const big = out as BigInt64Array
    for (let i = 0; i < src.length; i++) big[i] = BigInt(Math.trunc(src[i]!))
  } else {
    const numbers = out as Float64Array
    for (let i = 0; i < src.length; i++) numbers[i] = src[i]!
  }
  return { dtype, shape: image.shape, data: out }
}

/** The pixels as bytes of a uint8/uint16 image for an encoder; bool becomes 0/255. */
export function encoderPixels(image: NDArray): { data: Uint8Array | Uint16Array; depth: 8 | 16 } {
  if (image.dtype === 'uint16') return { data: image.data as Uint16Array, depth: 16 }
  if (image.dtype === 'bool') {
    const src = image.data as Uint8Array
    const out = new Uint8Array(src.length)
    for (let i = 0; i < src.length; i++) out[i] = src[i] ? 255 : 0
    return { data: out, depth: 8 }
  }
  return { data: image.data as Uint8Array, depth: 8 }
}
