import type { NDArray } from '@shoal/core/plugin'
import { invalidArgument } from '../errors.js'
import type { Box3dMode } from './coords.js'

const toNumbers = (a: NDArray | ArrayLike<number>): Float64Array =>
  Float64Array.from(('data' in a ? a.data : a) as ArrayLike<number | bigint>, Number)

/**
 * The 8 corners of each `center` box `[cx, cy, cz, sx, sy, sz, rx, ry, rz]` (rotations in degrees,
 * applied about x, then y, then z). Corner k takes −size/2 or +size/2 on x, y, z from bits 2, 1, 0
 * of k. Returns `(n, 8, 3)`.
 */
export function boxCorners3d(boxes: NDArray | ArrayLike<number>): NDArray<'float64'> {
  const v = toNumbers(boxes)
  if (v.length % 9 !== 0)
    invalidArgument(`center boxes have 9 numbers each; got ${v.length} numbers`, '(n, 9)')
  const n = v.length / 9
  const out = new Float64Array(n * 24)
  for (let i = 0; i < n; i++) {
    const [cx, cy, cz, sx, sy, sz, rx, ry, rz] = v.subarray(i * 9, i * 9 + 9) as unknown as number[]
    const r = rotation(rx! * DEG, ry! * DEG, rz! * DEG)
    for (let k = 0; k < 8; k++) {
      const x = (k & 4 ? 0.5 : -0.5) * sx!
      const y = (k & 2 ? 0.5 : -0.5) * sy!
      const z = (k & 1 ? 0.5 : -0.5) * sz!
      const at = i * 24 + k * 3
      out[at] = cx! + r[0]! * x + r[1]! * y + r[2]! * z
      out[at + 1] = cy! + r[3]! * x + r[4]! * y + r[5]! * z
      out[at + 2] = cz! + r[6]! * x + r[7]! * y + r[8]! * z
    }
  }
  return { dtype: 'float64', shape: [n, 8, 3], data: out }
}

const DEG = Math.PI / 180

/** Row-major Rz · Ry · Rx. */
function rotation(ax: number, ay: number, az: number): number[] {
  const [cx, sx, cy, sy, cz, sz] = [
    Math.cos(ax),
    Math.sin(ax),
    Math.cos(ay),
    Math.sin(ay),
    Math.cos(az),
    Math.sin(az),
  ]
  return [
    cz * cy,
    cz * sy * sx - sz * cx,
    cz * sy * cx + sz * sx,
    sz * cy,
    sz * sy * sx + cz * cx,
    sz * sy * cx - cz * sx,
    -sy,
    cy * sx,
    cy * cx,
  ]
}

/**
 * Projects 3-D boxes (camera coordinates, z forward) to image pixels with a 3×3 intrinsics matrix
 * K: each corner X maps to (u, v) = ((K·X)₀ / (K·X)₂, (K·X)₁ / (K·X)₂). `center` boxes are
 * `(n, 9)`, `vertex` boxes `(n, 8, 3)`. Returns `(n, 8, 2)`; a corner at z = 0 projects to ±Infinity.
 */
export function projectBoxes3d(
  boxes: NDArray | ArrayLike<number>,
  intrinsics: NDArray | ArrayLike<number>,
  mode: Box3dMode = 'center',
): NDArray<'float64'> {
  const k = toNumbers(intrinsics)
  if (k.length !== 9) invalidArgument(`intrinsics must be one 3×3 matrix; got ${k.length} numbers`, '(3, 3)')
  let corners: Float64Array
  if (mode === 'center') corners = boxCorners3d(boxes).data
  else if (mode === 'vertex') {
    corners = toNumbers(boxes)
    if (corners.length % 24 !== 0)
      invalidArgument(`vertex boxes have 8 × 3 numbers each; got ${corners.length} numbers`, '(n, 8, 3)')
  } else invalidArgument(`mode "${String(mode)}" is not a bbox.3d mode`, 'center or vertex')
  const points = corners.length / 3
  const out = new Float64Array(points * 2)
  for (let p = 0; p < points; p++) {
    const [x, y, z] = [corners[p * 3]!, corners[p * 3 + 1]!, corners[p * 3 + 2]!]
    const w = k[6]! * x + k[7]! * y + k[8]! * z
    out[p * 2] = (k[0]! * x + k[1]! * y + k[2]! * z) / w
    out[p * 2 + 1] = (k[3]! * x + k[4]! * y + k[5]! * z) / w
  }
  return { dtype: 'float64', shape: [points / 8, 8, 2], data: out }
}
