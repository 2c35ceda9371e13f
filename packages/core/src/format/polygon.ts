import { allocTyped, bytesOf, itemSize, type NumericDtype, type TypedArrayOf, typedView } from '../dtype.js'
import { corrupt, invalidArgument } from './fail.js'

/** One decoded polygon: `shape = [points, coordDims]`, C-order coordinates. */
export interface DecodedPolygon<D extends NumericDtype = NumericDtype> {
  readonly shape: [number, number]
  readonly data: TypedArrayOf[D]
}

/**
 * Decodes a polygon payload (spec §2.5.5): uint16 LE polygon count, uint16 LE point count per
 * polygon, then every point's `coordDims` coordinates as `dtype`. Coordinates are views into
 * `bytes` when aligned, copies otherwise. An empty payload is no polygons. CORRUPT_CHUNK when
 * the length does not match the counts.
 */
export function decodePolygons<D extends NumericDtype>(
  bytes: Uint8Array,
  dtype: D,
  coordDims: number,
  key?: string,
): DecodedPolygon<D>[] {
  if (bytes.byteLength === 0) return []
  if (bytes.byteLength < 2) throw corrupt('polygon payload is truncated before its count', key)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint16(0, true)
  let offset = 2 + count * 2
  if (offset > bytes.byteLength) {
    throw corrupt(`polygon payload of ${bytes.byteLength} bytes cannot hold ${count} point counts`, key)
  }
  const pointBytes = coordDims * itemSize(dtype)
  let expected = offset
  for (let p = 0; p < count; p++) expected += view.getUint16(2 + p * 2, true) * pointBytes
  if (expected !== bytes.byteLength) {
    throw corrupt(`polygon payload holds ${bytes.byteLength} bytes; its counts describe ${expected}`, key, {
      expected: `${expected} bytes of ${coordDims}-D ${dtype} points`,
    })
  }
  const out: DecodedPolygon<D>[] = new Array(count)
  for (let p = 0; p < count; p++) {
    const points = view.getUint16(2 + p * 2, true)
    const size = points * pointBytes
    out[p] = { shape: [points, coordDims], data: typedView(dtype, bytes.subarray(offset, offset + size)) }
    offset += size
  }
  return out
}

/** A polygon to encode: a list of points, or a flat `[points, dims]` array. */
export type PolygonInput =
  | ArrayLike<ArrayLike<number | bigint>>
  | { readonly shape: readonly number[]; readonly data: ArrayLike<number | bigint> }

/**
 * Encodes polygons as Python does, returning the payload and the stored sample shape
 * `[numPolygons, maxPoints, dims]`. All points must have the same number of coordinates;
 * at most 65,535 polygons of at most 65,535 points. INVALID_ARGUMENT otherwise (and for float16).
 */
export function encodePolygons(
  polygons: ArrayLike<PolygonInput>,
  dtype: NumericDtype,
): { bytes: Uint8Array; shape: [number, number, number] } {
  if (dtype === 'float16') throw invalidArgument('float16 polygons are not supported; use float32')
  const count = polygons.length
  if (count > 0xffff) throw invalidArgument(`a sample holds at most 65535 polygons, not ${count}`)
  const flat = Array.from(polygons, (polygon) => flatten(polygon))
  const dims = flat.find((f) => f.points > 0)?.dims ?? flat[0]?.dims ?? 0
  let maxPoints = 0
  let values = 0
  for (const [i, f] of flat.entries()) {
    if (f.points > 0xffff) throw invalidArgument(`polygon ${i} has ${f.points} points; at most 65535 fit`)
    if (f.points > 0 && f.dims !== dims)
      throw invalidArgument(`polygon ${i} has ${f.dims}-D points; the first has ${dims}-D`)
    maxPoints = Math.max(maxPoints, f.points)
    values += f.points * dims
  }
  const header = 2 + count * 2
  const coords = allocTyped(dtype, values)
  let at = 0
  for (const f of flat) {
    for (let v = 0; v < f.values.length; v++) {
      const x = f.values[v]!
      ;(coords as { [i: number]: number | bigint })[at++] = isBigDtype(dtype) ? BigInt(x) : Number(x)
    }
  }
  const bytes = new Uint8Array(header + coords.byteLength)
  const view = new DataView(bytes.buffer)
  view.setUint16(0, count, true)
  for (const [i, f] of flat.entries()) view.setUint16(2 + i * 2, f.points, true)
  bytes.set(bytesOf(coords), header)
  return { bytes, shape: [count, maxPoints, dims] }
}

function isBigDtype(dtype: NumericDtype): boolean {
  return dtype === 'int64' || dtype === 'uint64'
}

function flatten(polygon: PolygonInput): {
  points: number
  dims: number
  values: ArrayLike<number | bigint>
} {
  if ('shape' in polygon && 'data' in polygon) {
    const [points = 0, dims = 0] = polygon.shape
    if (polygon.shape.length !== 2 || polygon.data.length !== points * dims) {
      throw invalidArgument(`a polygon array must have shape [points, dims] matching its data`)
    }
    return { points, dims, values: polygon.data }
  }
  const points = polygon.length
  const dims = points > 0 ? polygon[0]!.length : 0
  const values: (number | bigint)[] = []
  for (let p = 0; p < points; p++) {
    const point = polygon[p]!
    if (point.length !== dims)
      throw invalidArgument(`point ${p} has ${point.length} coordinates; the first has ${dims}`)
    for (let d = 0; d < dims; d++) values.push(point[d]!)
  }
  return { points, dims, values }
}
