import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseChunk, sampleByteRange } from '../../src/format/chunk.js'
import { compareCodePoints, PythonFloat, pythonFloatRepr, pythonJson } from '../../src/format/python-json.js'
import { expectShoalError, filesIn, fixture, fixturesNamed } from './helpers.js'

const text = (path: string) => new TextDecoder().decode(fixture(path))

describe('pythonJson', () => {
  it('reproduces every pretty (sorted, indent 4) metadata file of the fixtures', () => {
    const names = ['tensor_meta.json', 'dataset_meta.json', 'tensor_info.json', 'dataset_info.json']
    let count = 0
    for (const name of names) {
      for (const path of fixturesNamed(name)) {
        const original = text(path)
        expect(pythonJson(JSON.parse(original), { indent: 4, sortKeys: true }), path).toBe(original)
        count++
      }
    }
    expect(count).toBeGreaterThan(200)
  })

  it('reproduces every compact (unsorted) file of the fixtures, without trailing newline', () => {
    const paths = [...fixturesNamed('version_control_info.json'), ...fixturesNamed('commit_info.json')]
    expect(paths.length).toBeGreaterThan(10)
    for (const path of paths) {
      const original = text(path)
      expect(original.endsWith('}')).toBe(true)
      expect(pythonJson(JSON.parse(original)), path).toBe(original)
    }
  })

  it('reproduces the json and list sample payloads deeplake wrote', () => {
    let count = 0
    for (const tensor of [
      'text_json_list/json',
      'text_json_list/list',
      'empty_samples/json',
      'empty_samples/list',
      'annotations/tags',
    ]) {
      for (const path of filesIn(`${tensor}/chunks`)) {
        const bytes = fixture(path)
        const header = parseChunk(bytes, path)
        for (let i = 0; sampleByteRange(header, i); i++) {
          const r = sampleByteRange(header, i)!
          const payload = new TextDecoder().decode(
            bytes.subarray(header.dataOffset + r.start, header.dataOffset + r.end),
          )
          expect(pythonJson(JSON.parse(payload))).toBe(payload)
          count++
        }
      }
    }
    expect(count).toBeGreaterThan(10)
  })

  it('writes the spec §1.7 and §2.5 examples', () => {
    expect(
      pythonJson({ creds_keys: ['my_s3_creds'], managed_creds_keys: [], used_creds_keys: ['my_s3_creds'] }),
    ).toBe('{"creds_keys": ["my_s3_creds"], "managed_creds_keys": [], "used_creds_keys": ["my_s3_creds"]}')
    expect(pythonJson(['a', 'b'])).toBe('["a", "b"]')
    expect(pythonJson({ a: 1, b: [1, 2] })).toBe('{"a": 1, "b": [1, 2]}')
    expect(pythonJson({})).toBe('{}')
  })

  it('indents nested containers like Python', () => {
    const value = { c: {}, a: [1, { b: [] }], d: 'x' }
    expect(pythonJson(value, { indent: 4, sortKeys: true })).toBe(
      '{\n    "a": [\n        1,\n        {\n            "b": []\n        }\n    ],\n    "c": {},\n    "d": "x"\n}',
    )
    expect(pythonJson([1, [2]], { indent: 0 })).toBe('[\n1,\n[\n2\n]\n]')
    expect(pythonJson(value)).toBe('{"c": {}, "a": [1, {"b": []}], "d": "x"}')
  })

  it('escapes like ensure_ascii', () => {
    expect(pythonJson('héllo wörld ✓ 日本語')).toBe('"h\\u00e9llo w\\u00f6rld \\u2713 \\u65e5\\u672c\\u8a9e"')
    expect(pythonJson('😀')).toBe('"\\ud83d\\ude00"')
    expect(pythonJson('"\\/\b\f\n\r\t\u0000\u001f\u007f')).toBe(
      '"\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f"',
    )
    expect(pythonJson({ ключ: 'ü' })).toBe('{"\\u043a\\u043b\\u044e\\u0447": "\\u00fc"}')
    expect(pythonJson('\udc00')).toBe('"\\udc00"')
  })

  it('formats numbers like Python', () => {
    const cases: [number, string][] = [
      [0.1, '0.1'],
      [1.5, '1.5'],
      [-2.25, '-2.25'],
      [1e-5, '1e-05'],
      [0.0001, '0.0001'],
      [0.00012, '0.00012'],
      [1.5e-7, '1.5e-07'],
      [123456789012345.6, '123456789012345.6'],
      [1234567890123456.8, '1234567890123456.8'],
      [1e16 + 0.5, '1e+16'],
      [1.5e300, '1.5e+300'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [1795462772.85996, '1795462772.85996'],
    ]
    for (const [value, repr] of cases) expect(pythonFloatRepr(value), String(value)).toBe(repr)
    expect(pythonJson([1, -3, 0, -0, 2 ** 53, 1e21, 2n ** 64n - 1n])).toBe(
      '[1, -3, 0, 0, 9007199254740992, 1000000000000000000000, 18446744073709551615]',
    )
    expect(pythonJson([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(
      '[NaN, Infinity, -Infinity]',
    )
    expect(
      pythonJson([new PythonFloat(1), new PythonFloat(1e16), new PythonFloat(-0), new PythonFloat(2.5)]),
    ).toBe('[1.0, 1e+16, -0.0, 2.5]')
    expect(pythonFloatRepr(1e15)).toBe('1000000000000000.0')
  })

  it('sorts keys by code point and keeps Map order', () => {
    const keys = ['\uffff', '😀', 'a', 'B', 'aa', '']
    expect([...keys].sort(compareCodePoints)).toEqual(['', 'B', 'a', 'aa', '\uffff', '😀'])
    expect(pythonJson(Object.fromEntries(keys.map((k) => [k, 0])), { sortKeys: true })).toBe(
      '{"": 0, "B": 0, "a": 0, "aa": 0, "\\uffff": 0, "\\ud83d\\ude00": 0}',
    )
    expect(
      pythonJson(
        new Map<unknown, unknown>([
          ['z', 1],
          [2, 'two'],
          ['a', new Map()],
        ]),
      ),
    ).toBe('{"z": 1, "2": "two", "a": {}}')
  })

  it('skips undefined members, writes holes as null and rejects what Python cannot write', () => {
    expect(pythonJson({ a: undefined, b: 1 })).toBe('{"b": 1}')
    expect(pythonJson([undefined, null])).toBe('[null, null]')
    expect(pythonJson({ when: { toJSON: () => 'later' } })).toBe('{"when": "later"}')
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expectShoalError(() => pythonJson(circular), 'INVALID_ARGUMENT')
    expectShoalError(() => pythonJson({ a: new Float32Array(2) }), 'INVALID_ARGUMENT')
    expectShoalError(() => pythonJson({ a: () => 1 }), 'INVALID_ARGUMENT')
    expectShoalError(() => pythonJson(new Set([1])), 'INVALID_ARGUMENT')
    // The same object twice (not a cycle) is fine.
    const shared = { x: 1 }
    expect(pythonJson([shared, shared])).toBe('[{"x": 1}, {"x": 1}]')
  })

  it('property: JSON.parse(pythonJson(v)) equals v', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom<{ indent?: number; sortKeys?: boolean }>(
          {},
          { indent: 4, sortKeys: true },
          { indent: 2 },
        ),
        (value, options) => {
          // JSON.stringify's view of v: -0 becomes 0, as in any JSON text.
          expect(JSON.parse(pythonJson(value, options))).toEqual(JSON.parse(JSON.stringify(value)))
        },
      ),
    )
  })

  it('property: output is ASCII and floats round-trip exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(/^[\x20-\x7e\n]*$/.test(pythonJson(value, { indent: 1 }))).toBe(true)
      }),
    )
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(pythonFloatRepr(x))).toBe(x)
      }),
    )
  })
})
