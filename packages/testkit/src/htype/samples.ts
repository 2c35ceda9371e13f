import { expect } from 'vitest'
import type { CompareSample, SampleInput } from './types.js'

/** The value to append: inputs given as functions are called, so each append gets a fresh one. */
export async function materialize(input: SampleInput): Promise<unknown> {
  return typeof input === 'function' ? await (input as () => unknown)() : input
}

interface ArraySample {
  readonly shape: readonly number[]
  readonly data: ArrayLike<number | bigint> | readonly (number | bigint)[]
  readonly dtype?: string
}

/** True for `{ shape, data }` objects: NDArrays and expectations written like them. */
export function isArraySample(value: unknown): value is ArraySample {
  if (typeof value !== 'object' || value === null) return false
  const { shape, data } = value as Partial<ArraySample>
  return (
    Array.isArray(shape) && data !== undefined && typeof (data as { length?: unknown }).length === 'number'
  )
}

/** The expected shape of a sample, when the expectation states one. */
export function expectedShape(expected: unknown): readonly number[] | undefined {
  return isArraySample(expected) ? expected.shape : undefined
}

/**
 * Asserts that `actual` (a read-back value) matches `expected`: with `compare` when the case gives
 * one, element by element for `{ shape, data }` expectations, else by deep equality.
 */
export function assertSample(
  actual: unknown,
  expected: unknown,
  where: string,
  compare?: CompareSample,
): void {
  if (compare) {
    expect(compare(actual, expected), `${where}: the case's compare() rejected the value`).not.toBe(false)
    return
  }
  if (!isArraySample(expected)) {
    expect(actual, where).toEqual(expected)
    return
  }
  expect(isArraySample(actual), `${where}: expected an array sample, got ${describeValue(actual)}`).toBe(true)
  const got = actual as ArraySample
  expect([...got.shape], `${where}: shape`).toEqual([...expected.shape])
  if (expected.dtype !== undefined) expect(got.dtype, `${where}: dtype`).toBe(expected.dtype)
  expect(Array.from(got.data), `${where}: elements`).toEqual(Array.from(expected.data))
}

function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value)
  return value.constructor?.name ?? 'an object'
}
