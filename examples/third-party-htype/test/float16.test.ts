import { describe, expect, it } from 'vitest'
import { halfToNumber, isFiniteHalf } from '../src/index.js'

describe('float16 bits', () => {
  it('decode normal, subnormal, signed and special values', () => {
    expect(halfToNumber(0x3c00)).toBe(1)
    expect(halfToNumber(0xc000)).toBe(-2)
    expect(halfToNumber(0x7bff)).toBe(65504)
    expect(halfToNumber(0x0001)).toBe(2 ** -24)
    expect(halfToNumber(0x0000)).toBe(0)
    expect(halfToNumber(0x7c00)).toBe(Number.POSITIVE_INFINITY)
    expect(halfToNumber(0xfc00)).toBe(Number.NEGATIVE_INFINITY)
    expect(halfToNumber(0x7e00)).toBeNaN()
  })

  it('tell finite values from NaN and infinities', () => {
    expect([0x3c00, 0x7bff, 0x8001].map(isFiniteHalf)).toEqual([true, true, true])
    expect([0x7c00, 0xfc00, 0x7e00].map(isFiniteHalf)).toEqual([false, false, false])
  })
})
