/**
 * Shoal hands float16 samples over as their raw IEEE 754 half-precision bits (a Uint16Array),
 * because Node 20 has no Float16Array. These helpers read those bits.
 */

const EXPONENT_MASK = 0x7c00

/** True when the half-precision bits encode a finite number (not NaN or ±Infinity). */
export function isFiniteHalf(bits: number): boolean {
  return (bits & EXPONENT_MASK) !== EXPONENT_MASK
}

/** The number that half-precision `bits` encode. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits & EXPONENT_MASK) >> 10
  const fraction = bits & 0x03ff
  if (exponent === 0) return sign * fraction * 2 ** -24 // subnormal
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15)
}
