import { describe, expect, it } from 'vitest'
import { encodeCustomJson } from '../../src/format/custom-json.js'
import { PythonFloat, pythonJson } from '../../src/format/python-json.js'
import { plainPythonJson } from '../../src/write/plain-json.js'

const general = (value: unknown) => pythonJson(encodeCustomJson(value), {})

/** `[undefined, 'hole below', <hole>, 3]`: undefined and holes are both written as null. */
function sparse(): unknown[] {
  const items: unknown[] = [undefined, 'hole below']
  items[3] = 3
  return items
}

describe('plainPythonJson', () => {
  it('writes plain values exactly as the general Python-JSON writer does', () => {
    const values: unknown[] = [
      { id: 1, label: 'dog', score: 0.1234, bbox: [0, 1, 2, 3], tags: [], verified: true },
      { nested: { deeper: [1.5, -2.25, null, 'x'] }, empty: {}, list: [[], [{}]] },
      { skip: undefined, keep: null, ключ: 'значение', emoji: '🐟', quote: '"\\\n\t' },
      [0, -0, 1e15 + 0.5, 1e16, 2 ** 60, 1e21, 0.0001, 0.00001, 1e-7, 123456.789, -1e-5, 5e-324],
      [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1 / 3, 2 / 3e10],
      'plain string',
      42,
      false,
      null,
      Object.assign(Object.create(null), { b: 2, a: 1, 10: 'int-like key first' }),
      sparse(),
    ]
    for (const value of values) expect(plainPythonJson(value)).toBe(general(value))
  })

  it('matches on strings full of separators, escapes and non-ASCII (seeded random values)', () => {
    const alphabet = [
      'a',
      ',',
      ':',
      '"',
      '\\',
      ' ',
      '\u0001',
      '\u001f',
      '\u007f',
      'é',
      '中',
      '🐟',
      '\ud800',
      '\n',
      '{',
      ']',
    ]
    let state = 7
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31
      return state % n
    }
    const text = () => Array.from({ length: next(8) }, () => alphabet[next(alphabet.length)]).join('')
    const value = (depth: number): unknown => {
      const kind = next(depth > 2 ? 3 : 5)
      if (kind === 0) return text()
      if (kind === 1) return next(1000) / 7
      if (kind === 2) return next(2) === 0
      if (kind === 3) return Array.from({ length: next(4) }, () => value(depth + 1))
      return Object.fromEntries(Array.from({ length: next(4) }, () => [text(), value(depth + 1)]))
    }
    for (let i = 0; i < 300; i++) {
      const v = value(0)
      expect(plainPythonJson(v)).toBe(general(v))
    }
  })

  it('leaves everything else to the general path', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const others: unknown[] = [
      new Uint8Array([1, 2]),
      { data: new Float32Array([1]), dtype: 'float32', shape: [1] },
      new Map([['a', 1]]),
      { when: new Date(0) },
      { big: 10n },
      new PythonFloat(1),
      { f: () => 1 },
      circular,
      { toJSON: () => 'x' },
    ]
    for (const value of others) expect(plainPythonJson(value)).toBeUndefined()
  })
})
