import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from '../../src/format/base64.js'

describe('base64', () => {
  it('matches the spec examples and Node', () => {
    expect(encodeBase64(new Uint8Array([1, 2]))).toBe('AQI=')
    expect(encodeBase64(new Uint8Array(new Int16Array([0, 1, 2]).buffer))).toBe('AAABAAIA')
    expect(Array.from(decodeBase64('AQI=')!)).toEqual([1, 2])
    expect(Array.from(decodeBase64('AQ\nI=')!)).toEqual([1, 2])
    expect(decodeBase64('A')).toBeUndefined()
    expect(encodeBase64(new Uint8Array(0))).toBe('')
  })

  it('property: agrees with Buffer both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(Array.from(decodeBase64(text)!)).toEqual(Array.from(bytes))
      }),
    )
  })
})
