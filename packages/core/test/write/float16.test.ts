import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { float16BitsToNumber, float32ToFloat16Bits } from '../../src/write/float16.js'

/** Independent reference decoder, straight from the IEEE 754 binary16 definition. */
function referenceDecode(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits >> 10) & 0x1f
  const fraction = bits & 0x3ff
  if (exponent === 0) return sign * fraction * 2 ** -24
  if (exponent === 31) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15)
}

const isNaNBits = (bits: number): boolean => (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0

describe('float32ToFloat16Bits', () => {
  it.each([
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [-65504, 0xfbff],
    [6.103515625e-5, 0x0400], // smallest normal, 2^-14
    [2 ** -24, 0x0001], // smallest subnormal, ≈ 5.96e-8
    [5.96e-8, 0x0001],
    [0.1, 0x2e66],
    [0.5, 0x3800],
    [0.333251953125, 0x3555],
    [0, 0x0000],
    [-0, 0x8000],
    [Number.POSITIVE_INFINITY, 0x7c00],
    [Number.NEGATIVE_INFINITY, 0xfc00],
  ])('%d -> bits %d', (x, bits) => {
    expect(float32ToFloat16Bits(x)).toBe(bits)
  })

  it('turns NaN into a NaN pattern', () => {
    expect(isNaNBits(float32ToFloat16Bits(Number.NaN))).toBe(true)
    expect(Number.isNaN(float16BitsToNumber(float32ToFloat16Bits(Number.NaN)))).toBe(true)
  })

  it('rounds to nearest, ties to even', () => {
    // Halfway between 1 (0x3c00, even) and 1 + 2^-10 (0x3c01): stays at the even one.
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00)
    // Halfway between 0x3c01 (odd) and 0x3c02 (even): goes up.
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02)
    expect(float32ToFloat16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01)
    // Subnormal ties: half the smallest subnormal goes to 0, 1.5 of it goes to 2 units.
    expect(float32ToFloat16Bits(2 ** -25)).toBe(0x0000)
    expect(float32ToFloat16Bits(3 * 2 ** -25)).toBe(0x0002)
    expect(float32ToFloat16Bits(2 ** -25 + 2 ** -40)).toBe(0x0001)
    // Largest subnormal + half a unit carries into the smallest normal.
    expect(float32ToFloat16Bits(1023.5 * 2 ** -24)).toBe(0x0400)
  })

  it('rounds from the full double, not through float32 (no double rounding)', () => {
    // float32 would first round this to exactly 1 + 2^-11, which then ties down to 1.
    const x = 1 + 2 ** -11 + 2 ** -40
    expect(Math.fround(x)).toBe(1 + 2 ** -11)
    expect(float32ToFloat16Bits(x)).toBe(0x3c01)
  })

  it('overflows to Infinity exactly where numpy does', () => {
    expect(float32ToFloat16Bits(65519.99)).toBe(0x7bff)
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00)
    expect(float32ToFloat16Bits(-65520)).toBe(0xfc00)
    expect(float32ToFloat16Bits(1e300)).toBe(0x7c00)
  })

  it('flushes tiny values (float64 subnormals included) to signed zero', () => {
    expect(float32ToFloat16Bits(1e-10)).toBe(0x0000)
    expect(float32ToFloat16Bits(-1e-10)).toBe(0x8000)
    expect(float32ToFloat16Bits(5e-324)).toBe(0x0000)
  })

  it('round-trips every non-NaN bit pattern', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if (isNaNBits(bits)) continue
      expect(float32ToFloat16Bits(float16BitsToNumber(bits))).toBe(bits)
    }
  })

  it('picks the nearest representable value (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -65504, max: 65504, noNaN: true }), (x) => {
        const bits = float32ToFloat16Bits(x)
        const error = Math.abs(float16BitsToNumber(bits) - x)
        // Neighbours of the same sign one step either way are never strictly closer.
        for (const neighbour of [bits - 1, bits + 1]) {
          if ((neighbour & 0x8000) !== (bits & 0x8000) || (neighbour & 0x7fff) >= 0x7c00) continue
          expect(Math.abs(float16BitsToNumber(neighbour) - x)).toBeGreaterThanOrEqual(error)
        }
      }),
    )
  })
})

describe('float16BitsToNumber', () => {
  it.each([
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0400, 2 ** -14],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24],
    [0x2e66, 0.0999755859375],
    [0x7c00, Number.POSITIVE_INFINITY],
    [0xfc00, Number.NEGATIVE_INFINITY],
  ])('bits %d -> %d', (bits, value) => {
    expect(float16BitsToNumber(bits)).toBe(value)
  })

  it('keeps the sign of zero and decodes NaN patterns as NaN', () => {
    expect(Object.is(float16BitsToNumber(0x8000), -0)).toBe(true)
    expect(Object.is(float16BitsToNumber(0x0000), 0)).toBe(true)
    expect(float16BitsToNumber(0x7e00)).toBeNaN()
    expect(float16BitsToNumber(0xfc01)).toBeNaN()
  })

  it('matches the reference definition for every bit pattern', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = float16BitsToNumber(bits)
      if (isNaNBits(bits)) expect(value).toBeNaN()
      else expect(value).toBe(referenceDecode(bits))
    }
  })
})
