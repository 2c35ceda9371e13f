/** Numbers out of NDArrays, for JSON: float16 bits decoded, 64-bit integers as numbers, stats. */
import type { NDArray } from '@shoal/core'
import { float16BitsToNumber } from '@shoal/core/plugin'
import type { ArrayStats } from '../shared/protocol.js'

/** Element `i` of an array as a JS number. */
export function numberAt(array: NDArray, i: number): number {
  const v = array.data[i]!
  if (typeof v === 'bigint') return Number(v)
  return array.dtype === 'float16' ? float16BitsToNumber(v) : v
}

/** Every element as a Float64Array (a copy). */
export function toFloat64(array: NDArray): Float64Array {
  const out = new Float64Array(array.data.length)
  for (let i = 0; i < out.length; i++) out[i] = numberAt(array, i)
  return out
}

/**
 * A number as JSON shows it best: float32 values with the digits float32 actually holds
 * (0.2, not 0.20000000298023224), others as they are. NaN and infinities become null in JSON.
 */
export function tidy(value: number, dtype: string): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value
  return dtype === 'float32' || dtype === 'float16'
    ? Number(value.toPrecision(dtype === 'float16' ? 4 : 7))
    : value
}

/** Rows of a 2-D array (or the single row of a 1-D one) as nested number lists. */
export function rowsOf(array: NDArray): number[][] {
  const width = array.shape.length >= 2 ? array.shape.slice(1).reduce((a, b) => a * b, 1) : array.data.length
  const rows: number[][] = []
  if (width === 0) return rows
  for (let at = 0; at < array.data.length; at += width) {
    const row: number[] = []
    for (let k = 0; k < width; k++) row.push(tidy(numberAt(array, at + k), array.dtype))
    rows.push(row)
  }
  return rows
}

/** min, max, mean and standard deviation of the finite elements. */
export function statsOf(array: NDArray): ArrayStats {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  let sum = 0
  let squares = 0
  let count = 0
  let nonFinite = 0
  for (let i = 0; i < array.data.length; i++) {
    const v = numberAt(array, i)
    if (!Number.isFinite(v)) {
      nonFinite++
      continue
    }
    if (v < min) min = v
    if (v > max) max = v
    sum += v
    squares += v * v
    count++
  }
  if (count === 0) return { min: 0, max: 0, mean: 0, std: 0, nonFinite }
  const mean = sum / count
  const variance = Math.max(0, squares / count - mean * mean)
  const d = array.dtype
  return {
    min: tidy(min, d),
    max: tidy(max, d),
    mean: tidy(mean, d),
    std: tidy(Math.sqrt(variance), d),
    nonFinite,
  }
}

/** At most `limit` values: the values themselves, or means of equal buckets of them. */
export function downsample(values: Float64Array, limit: number): { values: number[]; bucket: number } {
  if (values.length <= limit) return { values: Array.from(values), bucket: 1 }
  const bucket = Math.ceil(values.length / limit)
  const out: number[] = []
  for (let start = 0; start < values.length; start += bucket) {
    const end = Math.min(values.length, start + bucket)
    let sum = 0
    for (let i = start; i < end; i++) sum += values[i]!
    out.push(sum / (end - start))
  }
  return { values: out, bucket }
}
