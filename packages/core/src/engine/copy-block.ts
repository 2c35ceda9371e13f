/**
 * Copies an n-d block `src` (shape `srcShape`, C order) into `dst` (shape `dstShape`) at
 * element offset `at` per axis, one contiguous last-axis run at a time. Sizes are in elements of
 * `itemSize` bytes; both buffers are raw bytes so any dtype works.
 */
export function copyBlock(
  dst: Uint8Array,
  dstShape: readonly number[],
  src: Uint8Array,
  srcShape: readonly number[],
  at: readonly number[],
  itemSize: number,
): void {
  const ndim = dstShape.length
  if (ndim === 0) {
    dst.set(src.subarray(0, itemSize))
    return
  }
  const dstStrides = strides(dstShape, itemSize)
  const srcStrides = strides(srcShape, itemSize)
  const runBytes = srcShape[ndim - 1]! * itemSize
  const outer = srcShape.slice(0, -1)
  const counter = new Array<number>(outer.length).fill(0)
  const total = outer.reduce((a, b) => a * b, 1)
  for (let n = 0; n < total; n++) {
    let srcOffset = 0
    let dstOffset = at[ndim - 1]! * dstStrides[ndim - 1]!
    for (let axis = 0; axis < outer.length; axis++) {
      srcOffset += counter[axis]! * srcStrides[axis]!
      dstOffset += (counter[axis]! + at[axis]!) * dstStrides[axis]!
    }
    dst.set(src.subarray(srcOffset, srcOffset + runBytes), dstOffset)
    for (let axis = outer.length - 1; axis >= 0; axis--) {
      counter[axis]!++
      if (counter[axis]! < outer[axis]!) break
      counter[axis] = 0
    }
  }
}

/** Byte strides of a C-order array. */
export function strides(shape: readonly number[], itemSize: number): number[] {
  const out = new Array<number>(shape.length)
  let stride = itemSize
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    out[axis] = stride
    stride *= shape[axis]!
  }
  return out
}
