/**
 * IEEE 754 binary16 ("half") conversions. Shoal keeps float16 samples as their raw uint16 bit
 * patterns (see `TypedArrayOf['float16']`), so writers encode JS numbers into bits and readers
 * decode bits back into numbers.
 */

// Powers of two 2^-25 … 2^25, built by repeated doubling so every entry is exact (Math.pow has
// historically been inexact for some negative exponents).
const POW2_BIAS = 25
const POW2 = new Float64Array(2 * POW2_BIAS + 1)
POW2[POW2_BIAS] = 1
for (let k = 1; k <= POW2_BIAS; k++) {
  POW2[POW2_BIAS + k] = POW2[POW2_BIAS + k - 1]! * 2
  POW2[POW2_BIAS - k] = POW2[POW2_BIAS - k + 1]! / 2
}
const TWO_POW_24 = POW2[POW2_BIAS + 24]!
const TWO_POW_MINUS_24 = POW2[POW2_BIAS - 24]!

// Scratch space for reading a double's exponent bits without allocating.
const scratch = new Float64Array(1)
const scratchWords = new Uint32Array(scratch.buffer)
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0

/** Rounds a non-negative number below 2^52 to an integer, ties to even. */
function roundHalfEven(q: number): number {
  const floor = Math.floor(q)
  const rest = q - floor
  return rest > 0.5 || (rest === 0.5 && (floor & 1) === 1) ? floor + 1 : floor
}

/**
 * The IEEE binary16 bit pattern nearest to `x`, rounding to nearest with ties to even (the same
 * result as numpy's `np.float16(x)`).
 *
 * The name follows the usual float32→half conversion, but any JS number is accepted and rounded
 * directly from its full double value, so there is no double-rounding error for float64 inputs.
 * Magnitudes that round beyond 65504 become ±Infinity (0x7c00 / 0xfc00); NaN becomes a quiet
 * NaN (0x7e00, with the sign bit of the input); -0 keeps its sign (0x8000).
 */
export function float32ToFloat16Bits(x: number): number {
  scratch[0] = x
  const high = scratchWords[HIGH_WORD]!
  const sign = (high >>> 16) & 0x8000
  const biased = (high >>> 20) & 0x7ff
  if (biased === 0x7ff) return sign | (Number.isNaN(x) ? 0x7e00 : 0x7c00)
  const exponent = biased - 1023
  if (exponent > 15) return sign | 0x7c00
  const magnitude = x < 0 ? -x : x
  // Subnormal range (and zero): count in units of the smallest subnormal, 2^-24. A result of
  // 0x400 is the smallest normal, which is exactly the right bit pattern for a carry.
  if (exponent < -14) return sign | roundHalfEven(magnitude * TWO_POW_24)
  // Normal range: scale the significand to [1024, 2048) and round it to 11 bits; a carry to
  // 2048 bumps the exponent field (up to Infinity at the top), which is what IEEE wants.
  const significand = roundHalfEven(magnitude * POW2[POW2_BIAS + 10 - exponent]!)
  return sign | (((exponent + 15) << 10) + significand - 1024)
}

/** The number an IEEE binary16 bit pattern (the low 16 bits of `bits`) stands for. */
export function float16BitsToNumber(bits: number): number {
  const exponent = (bits >>> 10) & 0x1f
  const fraction = bits & 0x3ff
  let value: number
  if (exponent === 0) value = fraction * TWO_POW_MINUS_24
  else if (exponent === 0x1f) value = fraction === 0 ? Number.POSITIVE_INFINITY : Number.NaN
  else value = (fraction + 1024) * POW2[POW2_BIAS + exponent - 25]!
  return bits & 0x8000 ? -value : value
}
