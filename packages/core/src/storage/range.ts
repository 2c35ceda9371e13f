import { ShoalError } from '../errors.js'
import type { ByteRange } from './contract.js'

/** Throws INVALID_ARGUMENT unless `range` has non-negative safe integer fields. */
export function checkRange(range: ByteRange): void {
  const fields = 'suffix' in range ? [range.suffix] : [range.offset, range.length]
  if (!fields.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new ShoalError(
      'INVALID_ARGUMENT',
      `byte range ${JSON.stringify(range)} is invalid; expected { offset, length } or { suffix } with non-negative integers`,
    )
  }
}

/**
 * The `[start, end)` bytes `range` selects in an object of `size` bytes, clamped like HTTP ranges:
 * past the end yields fewer bytes, or none.
 */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  checkRange(range)
  if ('suffix' in range) return { start: Math.max(0, size - range.suffix), end: size }
  const start = Math.min(range.offset, size)
  return { start, end: Math.min(range.offset + range.length, size) }
}

/** A view (no copy) of the bytes `range` selects in `bytes`. */
export function sliceRange(bytes: Uint8Array, range: ByteRange): Uint8Array {
  const { start, end } = resolveRange(range, bytes.byteLength)
  return bytes.subarray(start, end)
}
