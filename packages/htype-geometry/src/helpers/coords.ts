import type { NDArray } from '@shoal/core/plugin'
import { invalidArgument } from '../errors.js'

/** Units of 2-D box coordinates: pixels, or fractions of the image's width and height. */
export type BoxType = 'pixel' | 'fractional'
/** The meaning of a box's 4 numbers: left-top-right-bottom, left-top-width-height, centre-width-height. */
export type BoxMode = 'LTRB' | 'LTWH' | 'CCWH'
/** A bbox tensor's `info.coords`. */
export interface BoxCoords {
  readonly type: BoxType
  readonly mode: BoxMode
}
/** A bbox.3d tensor's `info.coords.mode`. */
export type Box3dMode = 'center' | 'vertex'

export const BOX_TYPES: readonly BoxType[] = ['pixel', 'fractional']
export const BOX_MODES: readonly BoxMode[] = ['LTRB', 'LTWH', 'CCWH']
export const BOX_3D_MODES: readonly Box3dMode[] = ['center', 'vertex']

/** Boxes as a flat `(n, 4)` array or as a list of 4-number rows. */
export type BoxesInput = NDArray | ArrayLike<ArrayLike<number>>

/** Flattens boxes to a Float64Array of 4·n numbers; INVALID_ARGUMENT unless every box has 4 numbers. */
export function flattenBoxes(boxes: BoxesInput): Float64Array {
  if ('shape' in boxes && 'data' in boxes) {
    const { shape, data } = boxes
    const count = shape.reduce((a, b) => a * b, 1)
    if (count > 0 && (shape.length !== 2 || shape[1] !== 4))
      invalidArgument(`boxes must have shape (n, 4), not [${shape.join(', ')}]`, 'shape (n, 4)')
    return Float64Array.from(data as ArrayLike<number | bigint>, Number)
  }
  const out = new Float64Array(boxes.length * 4)
  for (let i = 0; i < boxes.length; i++) {
    const box = boxes[i]!
    if (box.length !== 4) invalidArgument(`box ${i} has ${box.length} numbers, not 4`, 'shape (n, 4)')
    for (let k = 0; k < 4; k++) out[i * 4 + k] = Number(box[k])
  }
  return out
}

/**
 * The convention Deep Lake's visualizer assumes when a bbox tensor has no `coords`: YOLO
 * (fractional CCWH) when the coordinates average below 1, else COCO (pixel LTWH). No boxes at all
 * counts as pixel LTWH.
 */
export function inferBoxCoords(boxes: BoxesInput): BoxCoords {
  const flat = flattenBoxes(boxes)
  if (flat.length === 0) return { type: 'pixel', mode: 'LTWH' }
  let sum = 0
  for (const v of flat) sum += v
  return sum / flat.length < 1 ? { type: 'fractional', mode: 'CCWH' } : { type: 'pixel', mode: 'LTWH' }
}

/** Width and height of the image the boxes belong to, in pixels. */
export interface ImageSize {
  readonly width: number
  readonly height: number
}

/**
 * Converts boxes between modes and types. Pixel ↔ fractional needs the image size. Returns an
 * `(n, 4)` float64 array; the input is left untouched.
 */
export function convertBoxes(
  boxes: BoxesInput,
  from: BoxCoords,
  to: BoxCoords,
  imageSize?: ImageSize,
): NDArray<'float64'> {
  checkCoords(from, 'from')
  checkCoords(to, 'to')
  const flat = flattenBoxes(boxes)
  const n = flat.length / 4
  if (from.type !== to.type && (!imageSize || !(imageSize.width > 0) || !(imageSize.height > 0)))
    invalidArgument(
      `converting ${from.type} boxes to ${to.type} needs the image size`,
      'imageSize { width, height } with positive numbers',
    )
  const out = new Float64Array(flat.length)
  for (let i = 0; i < n; i++) {
    let [l, t, r, b] = toLtrb(flat, i * 4, from.mode)
    if (from.type !== to.type) {
      const sx = from.type === 'fractional' ? imageSize!.width : 1 / imageSize!.width
      const sy = from.type === 'fractional' ? imageSize!.height : 1 / imageSize!.height
      l *= sx
      r *= sx
      t *= sy
      b *= sy
    }
    fromLtrb(l, t, r, b, to.mode, out, i * 4)
  }
  return { dtype: 'float64', shape: [n, 4], data: out }
}

function checkCoords(coords: BoxCoords, which: string): void {
  if (!BOX_TYPES.includes(coords?.type))
    invalidArgument(`${which}.type "${coords?.type}" is not a box type`, BOX_TYPES.join(' or '))
  if (!BOX_MODES.includes(coords?.mode))
    invalidArgument(`${which}.mode "${coords?.mode}" is not a box mode`, BOX_MODES.join(', '))
}

function toLtrb(v: Float64Array, at: number, mode: BoxMode): [number, number, number, number] {
  const a = v[at]!
  const b = v[at + 1]!
  const c = v[at + 2]!
  const d = v[at + 3]!
  switch (mode) {
    case 'LTRB':
      return [a, b, c, d]
    case 'LTWH':
      return [a, b, a + c, b + d]
    case 'CCWH':
      return [a - c / 2, b - d / 2, a + c / 2, b + d / 2]
  }
}

function fromLtrb(
  l: number,
  t: number,
  r: number,
  b: number,
  mode: BoxMode,
  out: Float64Array,
  at: number,
): void {
  const values =
    mode === 'LTRB'
      ? [l, t, r, b]
      : mode === 'LTWH'
        ? [l, t, r - l, b - t]
        : [(l + r) / 2, (t + b) / 2, r - l, b - t]
  out.set(values, at)
}
