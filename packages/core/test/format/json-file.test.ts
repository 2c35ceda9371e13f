import { describe, expect, it } from 'vitest'
import { FieldReader, parseJsonObject, parseWithNonFinite } from '../../src/format/json-file.js'
import { expectShoalError } from './helpers.js'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('JSON metadata files', () => {
  it('revives Python NaN/Infinity only outside strings', () => {
    const value = parseJsonObject(
      utf8('{"a": NaN, "b": [-Infinity, Infinity], "s": "x, NaN, \\"Infinity\\""}'),
    )
    expect(value).toEqual({
      a: Number.NaN,
      b: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
      s: 'x, NaN, "Infinity"',
    })
    expect(parseWithNonFinite('{"a": 1}')).toBeUndefined()
    expect(parseWithNonFinite('{"a": NaN')).toBeUndefined()
  })

  it('names the key for non-objects and bad field types', () => {
    expectShoalError(() => parseJsonObject(utf8('"text"'), 'k.json'), 'INVALID_METADATA', 'k.json')
    expectShoalError(() => parseJsonObject(utf8('null'), 'k.json'), 'INVALID_METADATA', 'k.json')
    expectShoalError(() => parseJsonObject(utf8(''), 'k.json'), 'INVALID_METADATA', 'k.json')
    const f = new FieldReader({ n: 'x', s: 1 }, 'k.json')
    expectShoalError(() => f.count('n'), 'INVALID_METADATA', 'k.json')
    expectShoalError(() => f.string('s'), 'INVALID_METADATA', 'k.json')
    expectShoalError(() => f.string('missing'), 'INVALID_METADATA', 'k.json')
    expect(f.string('missing', 'd')).toBe('d')
  })
})
