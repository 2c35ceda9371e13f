import { allocTyped, type NDArray, type NumericDtype } from '@shoal/core/plugin'

/** (points, 3) vertices in the tensor's dtype from flat x, y, z triples. */
export function castVertices(flat: ArrayLike<number>, dtype: NumericDtype): NDArray {
  const out = allocTyped(dtype, flat.length) as unknown as { [i: number]: number | bigint; length: number }
  const big = dtype === 'int64' || dtype === 'uint64'
  for (let i = 0; i < flat.length; i++) out[i] = big ? BigInt(Math.round(flat[i]!)) : flat[i]!
  return { dtype, shape: [flat.length / 3, 3], data: out as unknown as NDArray['data'] }
}
