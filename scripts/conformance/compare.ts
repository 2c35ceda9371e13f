import { createHash } from 'node:crypto'
import type { NDArray } from '@shoal/core'
import { float16BitsToNumber } from '@shoal/core/plugin'
import type { ArraySampleSpec } from './schema.js'

/** SHA-256 of a decoded sample's little-endian element bytes (the schema's "sha256"). */
export function sha256Array(array: NDArray): string {
  const { data } = array
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex')
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Elements as float64 numbers, in C order (float16 bits are widened). */
export function elements(array: NDArray): number[] {
  if (array.dtype === 'float16') return Array.from(array.data as Uint16Array, float16BitsToNumber)
  return Array.from(array.data as ArrayLike<number | bigint>, (v) => Number(v))
}

function flatten(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value) flatten(v, out)
  else if (typeof value === 'boolean') out.push(value ? 1 : 0)
  else out.push(Number(value))
  return out
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i])
}

/** Compares one decoded array with its spec exactly as read_dataset.py's compare_array does. */
export function compareArray(spec: ArraySampleSpec, actual: NDArray, where: string, errors: string[]): void {
  if (spec.shape && !sameShape(actual.shape, spec.shape)) {
    errors.push(`${where}: shape [${actual.shape.join(', ')}] != expected [${spec.shape.join(', ')}]`)
    return
  }
  if (spec.sha256 !== undefined) {
    const got = sha256Array(actual)
    if (got === spec.sha256) return
    if (spec.lossy && spec.values !== undefined) {
      const want = flatten(spec.values)
      const have = elements(actual)
      const tolerance = spec.tolerance ?? 8
      let worst = 0
      for (let i = 0; i < have.length; i++)
        worst = Math.max(worst, Math.abs(have[i]! - (want[i] ?? Number.NaN)))
      if (have.length === 0 || worst <= tolerance) return
      errors.push(`${where}: lossy values differ by up to ${worst} (> ${tolerance})`)
      return
    }
    errors.push(`${where}: sha256 ${got.slice(0, 12)}.. != expected ${spec.sha256.slice(0, 12)}..`)
    return
  }
  if (spec.values !== undefined) {
    const want = flatten(spec.values)
    const have = elements(actual)
    if (want.length !== have.length || want.some((w, i) => w !== have[i])) {
      errors.push(`${where}: values differ from expected`)
    }
  }
}

/** Deep equality after a JSON round trip, ignoring key order (Python's norm_json comparison). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return Number(v)
    if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
      )
    }
    return v
  })
}
