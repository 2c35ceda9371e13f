import { type AnyTypedArray, allocTyped, type NDArray, type NumericDtype } from '@shoal/core/plugin'

/** `source` as an NDArray of `dtype` (values converted like numpy's astype; bool = non-zero). */
export function castTo(
  dtype: NumericDtype,
  shape: readonly number[],
  source: AnyTypedArray | Float32Array,
): NDArray {
  const sameKind = source.constructor === allocTyped(dtype, 0).constructor
  if (sameKind) return { dtype, shape: [...shape], data: source as NDArray['data'] }
  const out = allocTyped(dtype, source.length)
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    for (let i = 0; i < source.length; i++) out[i] = BigInt(Math.trunc(Number(source[i]!)))
  } else if (dtype === 'bool') {
    for (let i = 0; i < source.length; i++) (out as Uint8Array)[i] = Number(source[i]!) !== 0 ? 1 : 0
  } else {
    const target = out as Float64Array
    for (let i = 0; i < source.length; i++) target[i] = Number(source[i]!)
  }
  return { dtype, shape: [...shape], data: out }
}
