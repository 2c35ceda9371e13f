import { describe, expect, it } from 'vitest'
import { decodeCustomJson, encodeCustomJson, typestrOf } from '../../src/format/custom-json.js'
import { pythonJson } from '../../src/format/python-json.js'
import { expectShoalError } from './helpers.js'

// Spec §2.5.4 example.
const EXAMPLE =
  '{"arr": {"_hub_custom_type": "ndarray", "data": "AAABAAIA", "shape": [3], "dtype": "<i2"}, "b": {"_hub_custom_type": "bytes", "data": "AQI="}}'

describe('custom JSON objects', () => {
  it('decodes the spec example', () => {
    const decoded = decodeCustomJson(JSON.parse(EXAMPLE)) as {
      arr: { dtype: string; shape: number[]; data: Int16Array }
      b: Uint8Array
    }
    expect(decoded.arr.dtype).toBe('int16')
    expect(decoded.arr.shape).toEqual([3])
    expect(decoded.arr.data).toBeInstanceOf(Int16Array)
    expect(Array.from(decoded.arr.data)).toEqual([0, 1, 2])
    expect(decoded.b).toBeInstanceOf(Uint8Array)
    expect(Array.from(decoded.b)).toEqual([1, 2])
  })

  it('encodes back to the exact text Python writes', () => {
    expect(pythonJson(encodeCustomJson(decodeCustomJson(JSON.parse(EXAMPLE))))).toBe(EXAMPLE)
  })

  it('handles Samples, nesting, big-endian data and scalars', () => {
    const sample = { _hub_custom_type: 'Sample', data: 'iVBO', compression: 'png' }
    const decoded = decodeCustomJson([{ deep: [sample] }, 5, 'x', null]) as [
      { deep: [{ compression: string; bytes: Uint8Array }] },
      ...unknown[],
    ]
    expect(decoded[0].deep[0].compression).toBe('png')
    expect(Array.from(decoded[0].deep[0].bytes)).toEqual([0x89, 0x50, 0x4e])
    expect(decoded.slice(1)).toEqual([5, 'x', null])
    expect(pythonJson(encodeCustomJson(decoded))).toBe(pythonJson([{ deep: [sample] }, 5, 'x', null]))
    const big = decodeCustomJson({
      _hub_custom_type: 'ndarray',
      data: 'AAEAAg==',
      shape: [2],
      dtype: '>u2',
    }) as { data: Uint16Array }
    expect(Array.from(big.data)).toEqual([1, 2])
    const scalar = decodeCustomJson({
      _hub_custom_type: 'ndarray',
      data: 'AAAgQQ==',
      shape: [],
      dtype: '<f4',
    }) as { shape: number[]; data: Float32Array }
    expect(scalar.shape).toEqual([])
    expect(Array.from(scalar.data)).toEqual([10])
  })

  it('leaves plain values and unsupported dtypes alone, without copying', () => {
    const plain = { a: [1, { b: 'c' }], _hub_custom_type: 'other' }
    expect(decodeCustomJson(plain)).toBe(plain)
    const strings = { _hub_custom_type: 'ndarray', data: '', shape: [0], dtype: '<U3' }
    expect(decodeCustomJson(strings)).toBe(strings)
    const json = JSON.parse('{"__proto__": {"_hub_custom_type": "bytes", "data": "AQI="}}')
    const out = decodeCustomJson(json) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.hasOwn(out, '__proto__')).toBe(true)
  })

  it('rejects malformed tagged objects with INVALID_METADATA naming the key', () => {
    const key = 'x/tensor_info.json'
    expectShoalError(
      () => decodeCustomJson({ _hub_custom_type: 'bytes', data: 5 }, key),
      'INVALID_METADATA',
      key,
    )
    expectShoalError(
      () => decodeCustomJson({ _hub_custom_type: 'ndarray', data: 'AAAB', shape: [3], dtype: '<i2' }, key),
      'INVALID_METADATA',
      key,
    )
    expectShoalError(
      () => decodeCustomJson({ _hub_custom_type: 'ndarray', data: 'AAAB', shape: 'x', dtype: '<i2' }, key),
      'INVALID_METADATA',
      key,
    )
  })

  it('encodes typed arrays, NDArrays and Maps like Python', () => {
    expect(encodeCustomJson(new Float32Array([1]))).toEqual({
      _hub_custom_type: 'ndarray',
      data: 'AACAPw==',
      shape: [1],
      dtype: '<f4',
    })
    expect(encodeCustomJson({ dtype: 'bool', shape: [2, 1], data: new Uint8Array([1, 0]) })).toEqual({
      _hub_custom_type: 'ndarray',
      data: 'AQA=',
      shape: [2, 1],
      dtype: '|b1',
    })
    expect(encodeCustomJson(new Map([['k', new Uint8Array([1, 2])]]))).toEqual(
      new Map([['k', { _hub_custom_type: 'bytes', data: 'AQI=' }]]),
    )
    expect(encodeCustomJson(new Uint8Array([1, 2]).buffer)).toEqual({
      _hub_custom_type: 'bytes',
      data: 'AQI=',
    })
    expectShoalError(
      () => encodeCustomJson({ dtype: 'int32', shape: [3], data: new Int32Array(2) }),
      'INVALID_ARGUMENT',
    )
    const untouched = { a: [1, 'b'] }
    expect(encodeCustomJson(untouched)).toBe(untouched)
    expect(typestrOf('uint8')).toBe('|u1')
    expect(typestrOf('float16')).toBe('<f2')
  })
})
