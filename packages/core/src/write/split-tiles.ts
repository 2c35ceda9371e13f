import { strides } from '../engine/copy-block.js'

/**
 * Cuts a C-order sample into tiles of `tileShape` (edge tiles smaller), yielded in C order of the
 * tile grid as the chunk index expects (spec §2.7). Each tile is a fresh contiguous buffer.
 */
export function* splitTiles(
  bytes: Uint8Array,
  shape: readonly number[],
  tileShape: readonly number[],
  itemSize: number,
): Generator<{ bytes: Uint8Array; shape: number[] }> {
  const ndim = shape.length
  const grid = shape.map((d, axis) => Math.ceil(d / tileShape[axis]!))
  const srcStrides = strides(shape, itemSize)
  const position = new Array<number>(ndim).fill(0)
  const tileCount = grid.reduce((a, b) => a * b, 1)
  for (let t = 0; t < tileCount; t++) {
    const origin = position.map((p, axis) => p * tileShape[axis]!)
    const size = origin.map((o, axis) => Math.min(tileShape[axis]!, shape[axis]! - o))
    const out = new Uint8Array(size.reduce((a, b) => a * b, 1) * itemSize)
    const runBytes = size[ndim - 1]! * itemSize
    const outer = size.slice(0, -1)
    const counter = new Array<number>(outer.length).fill(0)
    const runs = outer.reduce((a, b) => a * b, 1)
    for (let r = 0; r < runs; r++) {
      let src = origin[ndim - 1]! * itemSize
      for (let axis = 0; axis < outer.length; axis++)
        src += (origin[axis]! + counter[axis]!) * srcStrides[axis]!
      out.set(bytes.subarray(src, src + runBytes), r * runBytes)
      for (let axis = outer.length - 1; axis >= 0; axis--) {
        counter[axis]!++
        if (counter[axis]! < outer[axis]!) break
        counter[axis] = 0
      }
    }
    yield { bytes: out, shape: size }
    for (let axis = ndim - 1; axis >= 0; axis--) {
      position[axis]!++
      if (position[axis]! < grid[axis]!) break
      position[axis] = 0
    }
  }
}
