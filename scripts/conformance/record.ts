import { createHash } from 'node:crypto'
import type { ArraySampleSpec } from './schema.js'

/** Samples with at most this many elements carry inline "values" (as read_dataset.py writes them). */
const VALUES_LIMIT = 1024

type Numeric = ArrayLike<number | bigint>

/** Deterministic pseudo-random numbers (mulberry32), so every run writes the same datasets. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Nests a flat list into `shape` (C order). */
export function nest(flat: readonly unknown[], shape: readonly number[]): unknown {
  if (shape.length === 0) return flat[0]
  if (shape.length === 1) return [...flat]
  const [first, ...rest] = shape as [number, ...number[]]
  const step = rest.reduce((a, b) => a * b, 1)
  return Array.from({ length: first }, (_, i) => nest(flat.slice(i * step, (i + 1) * step), rest))
}

/**
 * The expected record of an array sample, computed from the input itself: SHA-256 of its
 * little-endian bytes and, when small, its values (`toValue` maps raw elements, e.g. float16 bits).
 */
export function arrayRecord(
  data: ArrayBufferView & Numeric,
  shape: readonly number[],
  toValue: (v: number | bigint) => unknown = (v) => (typeof v === 'bigint' ? Number(v) : v),
): ArraySampleSpec {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  const record: { shape: number[]; sha256: string; values?: unknown } = {
    shape: [...shape],
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }
  if (data.length <= VALUES_LIMIT) record.values = nest(Array.from(data, toValue), shape)
  return record
}
