import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { NumericDtype } from '../../src/dtype.js'
import { isShoalError, type ShoalError } from '../../src/errors.js'
import { float32ToFloat16Bits } from '../../src/write/float16.js'
import { inferDtype, isArrayInput, type NormalizeOptions, toNDArray } from '../../src/write/normalize.js'

const opts = (dtype: NumericDtype | null, extra: Partial<NormalizeOptions> = {}): NormalizeOptions => ({
  tensor: 'labels',
  index: 3,
  dtype,
  ...extra,
})

/** The elements of a TypedArray of any dtype, as a plain array. */
const elements = (data: unknown): unknown[] => Array.from(data as ArrayLike<unknown>)

/** Runs `fn`, expects an INVALID_SAMPLE ShoalError, and returns it. */
function invalid(fn: () => unknown): ShoalError {
  try {
    fn()
  } catch (error) {
    expect(isShoalError(error, 'INVALID_SAMPLE')).toBe(true)
    return error as ShoalError
  }
  throw new Error('expected toNDArray to throw')
}

function invalidFor(
  input: unknown,
  dtype: NumericDtype | null,
  extra: Partial<NormalizeOptions> = {},
): ShoalError {
  return invalid(() => toNDArray(input, opts(dtype, extra)))
}

const INT_DTYPES = ['int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32'] as const
const RANGES: Record<(typeof INT_DTYPES)[number] | 'int64' | 'uint64', [bigint, bigint]> = {
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
}

describe('toNDArray: input kinds', () => {
  it('accepts an NDArray-like { dtype, shape, data }', () => {
    const data = new Int32Array([1, 2, 3, 4, 5, 6])
    const result = toNDArray({ dtype: 'int32', shape: [2, 3], data }, opts(null))
    expect(result.dtype).toBe('int32')
    expect(result.shape).toEqual([2, 3])
    expect(result.data).toBeInstanceOf(Int32Array)
    expect(result.data.buffer).toBe(data.buffer)
  })

  it('reads float16 NDArrays as bits and bool NDArrays as bytes', () => {
    const bits = new Uint16Array([0x3c00, 0xc000])
    const half = toNDArray({ dtype: 'float16', shape: [2], data: bits }, opts(null))
    expect(half.dtype).toBe('float16')
    expect(half.data.buffer).toBe(bits.buffer)
    // Converting to float32 decodes the bits rather than reading them as integers.
    expect(elements(toNDArray({ dtype: 'float16', shape: [2], data: bits }, opts('float32')).data)).toEqual([
      1, -2,
    ])

    const flags = new Uint8Array([0, 1, 1])
    const bool = toNDArray({ dtype: 'bool', shape: [3], data: flags }, opts(null))
    expect(bool.dtype).toBe('bool')
    expect(bool.data.buffer).toBe(flags.buffer)
    expect(invalidFor({ dtype: 'bool', shape: [1], data: new Uint8Array([2]) }, null).message).toContain(
      '2 is not a valid bool',
    )
  })

  it('converts an NDArray-like to a different target dtype', () => {
    const result = toNDArray({ dtype: 'uint8', shape: [3], data: new Uint8Array([1, 2, 255]) }, opts('int64'))
    expect(result.data).toEqual(new BigInt64Array([1n, 2n, 255n]))
  })

  it('validates the NDArray-like: data class, length, dtype and shape', () => {
    const wrongClass = invalidFor({ dtype: 'int32', shape: [2], data: new Float64Array(2) }, null)
    expect(wrongClass.message).toContain(
      'an array of dtype int32 must hold its data in Int32Array, got a Float64Array',
    )
    expect(wrongClass.expected).toBe('Int32Array')
    expect(invalidFor({ dtype: 'float16', shape: [2], data: new Float32Array(2) }, null).message).toContain(
      'Uint16Array',
    )
    expect(invalidFor({ dtype: 'float16', shape: [2], data: [1, 2] }, null).message).toContain('got an array')

    const short = invalidFor({ dtype: 'int32', shape: [2, 3], data: new Int32Array(5) }, null)
    expect(short.message).toContain('data has 5 elements but shape [2, 3] needs 6')
    expect(short.expected).toBe('6 elements for shape [2, 3]')

    expect(invalidFor({ dtype: 'str', shape: [1], data: new Uint8Array(1) }, null).message).toContain(
      'unknown dtype "str"',
    )
    expect(invalidFor({ shape: [2, -1], data: new Uint8Array(2) }, null).message).toContain(
      'shape must be an array of non-negative integers, got [2,-1]',
    )
    expect(invalidFor({ shape: [1.5], data: new Uint8Array(2) }, null).message).toContain(
      'non-negative integers',
    )
    expect(invalidFor({ shape: 'x', data: new Uint8Array(2) }, null).message).toContain('got "x"')
  })

  it('accepts { shape, data } with a TypedArray or a number array', () => {
    const typed = new Float32Array([1, 2, 3, 4])
    const a = toNDArray({ shape: [2, 2], data: typed }, opts(null))
    expect(a).toMatchObject({ dtype: 'float32', shape: [2, 2] })
    expect(a.data.buffer).toBe(typed.buffer)

    const b = toNDArray({ shape: [2, 2], data: [1, 2, 3, 4] }, opts('uint8'))
    expect(b).toEqual({ dtype: 'uint8', shape: [2, 2], data: new Uint8Array([1, 2, 3, 4]) })
    expect(toNDArray({ shape: [2, 2], data: [1, 2, 3, 4] }, opts(null)).dtype).toBe('int64')
    // Nested data is flattened in C order.
    expect(
      toNDArray(
        {
          shape: [4],
          data: [
            [1, 2],
            [3, 4],
          ],
        },
        opts('int8'),
      ).data,
    ).toEqual(new Int8Array([1, 2, 3, 4]))
    // A 0-d shape holds one element.
    expect(toNDArray({ shape: [], data: [7] }, opts('int16'))).toEqual({
      dtype: 'int16',
      shape: [],
      data: new Int16Array([7]),
    })

    expect(invalidFor({ shape: [3], data: [1, 2] }, 'uint8').message).toContain(
      'data has 2 elements but shape [3] needs 3',
    )
    expect(invalidFor({ shape: [3], data: new Uint8Array(4) }, 'uint8').message).toContain('needs 3')
    expect(invalidFor({ shape: [1], data: 'abc' }, 'uint8').message).toContain(
      'data must be a TypedArray or an array of numbers, got a string',
    )
  })

  it('accepts a bare TypedArray with shape [length]', () => {
    const input = new Int16Array([-1, 2, 3])
    const result = toNDArray(input, opts('int16'))
    expect(result).toMatchObject({ dtype: 'int16', shape: [3] })
    expect(elements(result.data)).toEqual([-1, 2, 3])
  })

  it('treats a Node Buffer as a Uint8Array (zero-copy)', () => {
    const buffer = Buffer.from([1, 2, 3, 250])
    const result = toNDArray(buffer, opts(null))
    expect(result.dtype).toBe('uint8')
    expect(result.shape).toEqual([4])
    expect(result.data.buffer).toBe(buffer.buffer)
    expect(result.data.byteOffset).toBe(buffer.byteOffset)
    expect(elements(result.data)).toEqual([1, 2, 3, 250])
    expect(Object.getPrototypeOf(result.data)).toBe(Uint8Array.prototype)
  })

  it('accepts nested arrays of numbers, booleans and bigints', () => {
    expect(
      toNDArray(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        opts('int32'),
      ),
    ).toEqual({
      dtype: 'int32',
      shape: [2, 3],
      data: new Int32Array([1, 2, 3, 4, 5, 6]),
    })
    const cube = toNDArray(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
        [
          [9, 10],
          [11, 12],
        ],
      ],
      opts('float64'),
    )
    expect(cube.shape).toEqual([3, 2, 2])
    expect(elements(cube.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(
      toNDArray(
        [
          [true, false],
          [false, true],
        ],
        opts(null),
      ),
    ).toEqual({
      dtype: 'bool',
      shape: [2, 2],
      data: new Uint8Array([1, 0, 0, 1]),
    })
    expect(toNDArray([1n, -2n], opts(null))).toEqual({
      dtype: 'int64',
      shape: [2],
      data: new BigInt64Array([1n, -2n]),
    })
  })

  it('accepts nested arrays whose innermost rows are TypedArrays', () => {
    const rows = [new Float32Array([1, 2]), new Float32Array([3, 4])]
    expect(toNDArray(rows, opts(null))).toEqual({
      dtype: 'float32',
      shape: [2, 2],
      data: new Float32Array([1, 2, 3, 4]),
    })
    const bigRows = [new BigInt64Array([1n]), new BigInt64Array([2n])]
    expect(toNDArray(bigRows, opts('int8')).data).toEqual(new Int8Array([1, 2]))
    expect(invalidFor([new Uint8Array(2), new Uint8Array(3)], null).message).toContain(
      'row 1 has 3 elements, expected 2',
    )
  })

  it('gives empty arrays shape [0] (and nested empties their full shape)', () => {
    expect(toNDArray([], opts(null))).toEqual({ dtype: 'float64', shape: [0], data: new Float64Array(0) })
    expect(toNDArray([], opts('uint8'))).toEqual({ dtype: 'uint8', shape: [0], data: new Uint8Array(0) })
    expect(toNDArray([[], []], opts('int32'))).toMatchObject({ shape: [2, 0] })
    expect(toNDArray(new Float32Array(0), opts(null))).toMatchObject({ dtype: 'float32', shape: [0] })
  })

  it('stores scalars with shape [1], as Python does', () => {
    expect(toNDArray(5, opts(null))).toEqual({ dtype: 'int64', shape: [1], data: new BigInt64Array([5n]) })
    expect(toNDArray(2.5, opts(null))).toEqual({
      dtype: 'float64',
      shape: [1],
      data: new Float64Array([2.5]),
    })
    expect(toNDArray(true, opts(null))).toEqual({ dtype: 'bool', shape: [1], data: new Uint8Array([1]) })
    expect(toNDArray(7n, opts('uint8'))).toEqual({ dtype: 'uint8', shape: [1], data: new Uint8Array([7]) })
    expect(toNDArray(false, opts('float32'))).toEqual({
      dtype: 'float32',
      shape: [1],
      data: new Float32Array([0]),
    })
  })

  it.each([
    ['a string', 'hello'],
    ['an object', { a: 1 }],
    ['an object', Object.create(null)],
    ['null', null],
    ['undefined', undefined],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a symbol', Symbol('s')],
    ['a function', () => 1],
    ['a DataView', new DataView(new ArrayBuffer(4))],
    ['an ArrayBuffer', new ArrayBuffer(4)],
  ])('rejects %s, naming it', (what, input) => {
    const error = invalidFor(input, 'uint8')
    expect(error.message).toContain(`got ${what}`)
    expect(error.message).toContain('tensor "labels", sample 3')
    expect(error.expected).toContain('TypedArray')
    expect(error.tensor).toBe('labels')
    expect(error.index).toBe(3)
  })

  it('rejects non-numeric elements inside arrays, naming the position', () => {
    const error = invalidFor(
      [
        [1, 2],
        [3, 'x'],
      ],
      'uint8',
    )
    expect(error.message).toContain('element [1, 1] is a string; expected a number, boolean or bigint')
    expect(error.expected).toBe('numbers, booleans or bigints')
    expect(invalidFor([1, null], null).message).toContain('element [1] is null')
    // A sparse array's hole reads as undefined.
    // biome-ignore lint/suspicious/noSparseArray: the hole is what this checks
    expect(invalidFor([1, , 3], 'int8').message).toContain('element [1] is undefined')
    expect(invalidFor(['a', 'b'], null).message).toContain('element [0] is a string')
  })

  it('throws INVALID_ARGUMENT for a bad target dtype option', () => {
    expect(() => toNDArray([1], opts('str' as NumericDtype))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})

describe('toNDArray: ragged arrays', () => {
  it('names the row, its length and the expected length', () => {
    const error = invalidFor(
      [
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        [1, 2, 3],
      ],
      'int32',
    )
    expect(error.message).toBe(
      'tensor "labels", sample 3: ragged nested array: row 2 has 3 elements, expected 4',
    )
    expect(error.expected).toBe('a rectangular array of shape [3, 4]')
    expect(error.code).toBe('INVALID_SAMPLE')
  })

  it('reports deeper rows by their full index', () => {
    const error = invalidFor(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [[5, 6], [7]],
      ],
      'int32',
    )
    expect(error.message).toContain('ragged nested array: row [1, 1] has 1 elements, expected 2')
  })

  it('rejects a scalar where a row is expected and a row where a scalar is expected', () => {
    expect(invalidFor([[1, 2], 3], 'int32').message).toContain(
      'ragged nested array: row 1 is a number, expected 2 elements',
    )
    expect(invalidFor([1, [2, 3]], 'int32').message).toContain(
      'ragged nested array: element [1] is an array, expected a scalar',
    )
    expect(invalidFor([[1], [new Uint8Array(1)]], 'int32').message).toContain(
      'element [1, 0] is a Uint8Array',
    )
  })

  it('makes inferDtype return undefined instead of throwing', () => {
    expect(inferDtype([[1, 2], [3]])).toBeUndefined()
  })
})

describe('toNDArray: zero-copy for matching TypedArrays', () => {
  const cases: [NumericDtype, ArrayBufferView & { length: number }][] = [
    ['int8', new Int8Array([1, -2, 3])],
    ['int16', new Int16Array([1, -2, 3])],
    ['int32', new Int32Array([1, -2, 3])],
    ['int64', new BigInt64Array([1n, -2n, 3n])],
    ['uint8', new Uint8Array([1, 2, 3])],
    ['uint16', new Uint16Array([1, 2, 3])],
    ['uint32', new Uint32Array([1, 2, 3])],
    ['uint64', new BigUint64Array([1n, 2n, 3n])],
    ['float32', new Float32Array([1.5, Number.NaN, Number.POSITIVE_INFINITY])],
    ['float64', new Float64Array([1.5, Number.NaN, Number.NEGATIVE_INFINITY])],
  ]

  it.each(cases)('%s: returns a view of the same memory', (dtype, input) => {
    for (const target of [dtype, null]) {
      const result = toNDArray(input, opts(target))
      expect(result.dtype).toBe(dtype)
      expect(result.data.buffer).toBe(input.buffer)
      expect(result.data.byteOffset).toBe(input.byteOffset)
      expect(result.data.length).toBe(input.length)
    }
  })

  it('views subarrays at their offset, and writes through to the input', () => {
    const whole = new Float32Array([0, 1, 2, 3, 4, 5])
    const part = whole.subarray(2, 5)
    const result = toNDArray(part, opts('float32'))
    expect(result.data.buffer).toBe(whole.buffer)
    expect(result.data.byteOffset).toBe(8)
    whole[3] = 42
    expect(result.data[1]).toBe(42)
  })

  it('views a large image without touching its elements', () => {
    const image = new Uint8Array(256 * 256 * 3).fill(200)
    const result = toNDArray({ shape: [256, 256, 3], data: image }, opts('uint8'))
    expect(result.shape).toEqual([256, 256, 3])
    expect(result.data.buffer).toBe(image.buffer)
  })

  it('views Uint8ClampedArray as uint8 and float16 bits as float16', () => {
    const clamped = new Uint8ClampedArray([0, 128, 255])
    const u8 = toNDArray(clamped, opts('uint8'))
    expect(u8.data).toBeInstanceOf(Uint8Array)
    expect(u8.data.buffer).toBe(clamped.buffer)

    const bits = new Uint16Array([0x3c00])
    expect(toNDArray({ dtype: 'float16', shape: [1], data: bits }, opts('float16')).data.buffer).toBe(
      bits.buffer,
    )
  })

  it('views a 0/1 Uint8Array for a bool tensor, after checking it', () => {
    const flags = new Uint8Array([0, 1, 1, 0])
    const result = toNDArray(flags, opts('bool'))
    expect(result.dtype).toBe('bool')
    expect(result.data.buffer).toBe(flags.buffer)
    const error = invalidFor(new Uint8Array([0, 1, 2]), 'bool')
    expect(error.message).toContain('2 is not a valid bool')
    expect(error.message).toContain('at element [2]')
  })

  it('copies when the dtype differs (a bare Uint16Array holds values, not float16 bits)', () => {
    const input = new Uint16Array([1, 2])
    const result = toNDArray(input, opts('float16'))
    expect(result.data.buffer).not.toBe(input.buffer)
    expect(elements(result.data)).toEqual([0x3c00, 0x4000])
  })
})

describe('inferDtype', () => {
  it.each<[string, unknown, NumericDtype]>([
    ['Int8Array', new Int8Array(1), 'int8'],
    ['Uint8Array', new Uint8Array(1), 'uint8'],
    ['Uint8ClampedArray', new Uint8ClampedArray(1), 'uint8'],
    ['Buffer', Buffer.alloc(1), 'uint8'],
    ['Int16Array', new Int16Array(1), 'int16'],
    ['Uint16Array', new Uint16Array(1), 'uint16'],
    ['Int32Array', new Int32Array(1), 'int32'],
    ['Uint32Array', new Uint32Array(1), 'uint32'],
    ['BigInt64Array', new BigInt64Array(1), 'int64'],
    ['BigUint64Array', new BigUint64Array(1), 'uint64'],
    ['Float32Array', new Float32Array(1), 'float32'],
    ['Float64Array', new Float64Array(1), 'float64'],
    ['integers', [1, 2, -3], 'int64'],
    [
      'nested integers',
      [
        [1, 2],
        [3, 4],
      ],
      'int64',
    ],
    ['a non-integer', [1, 2.5], 'float64'],
    ['NaN', [1, Number.NaN], 'float64'],
    ['Infinity', [Number.POSITIVE_INFINITY], 'float64'],
    ['integral floats (JS cannot tell 2.0 from 2)', [2.0, 3.0], 'int64'],
    ['booleans', [true, false], 'bool'],
    ['booleans mixed with integers', [true, 2], 'int64'],
    ['booleans mixed with floats', [true, 0.5], 'float64'],
    ['bigints', [1n, -(2n ** 63n)], 'int64'],
    ['bigints beyond int64', [0n, 2n ** 63n], 'uint64'],
    ['bigints mixed with integers', [1n, 2], 'int64'],
    ['integral numbers beyond int64', [2 ** 63], 'uint64'],
    ['integral numbers beyond uint64', [2 ** 64], 'float64'],
    ['negative and beyond int64', [-1, 2 ** 63], 'float64'],
    ['an integer scalar', 7, 'int64'],
    ['a float scalar', 0.25, 'float64'],
    ['a boolean scalar', false, 'bool'],
    ['a bigint scalar', 2n ** 64n - 1n, 'uint64'],
    ['an empty array', [], 'float64'],
    ['an NDArray-like', { dtype: 'float16', shape: [1], data: new Uint16Array(1) }, 'float16'],
    ['{ shape, data } with a TypedArray', { shape: [1], data: new Int8Array(1) }, 'int8'],
    ['{ shape, data } with numbers', { shape: [2], data: [1, 0.5] }, 'float64'],
    ['rows of Int16Array', [new Int16Array(2), new Int16Array(2)], 'int16'],
    ['rows of different TypedArrays', [new Int16Array([1]), new Int32Array([2])], 'int64'],
  ])('%s -> %s', (_, input, dtype) => {
    expect(inferDtype(input)).toBe(dtype)
    expect(toNDArray(input, opts(null)).dtype).toBe(dtype)
  })

  it('returns undefined for anything toNDArray would reject', () => {
    for (const input of ['x', null, undefined, {}, new Date(), [[1], 'a'], [2n ** 64n], [-1n, 2n ** 63n]]) {
      expect(inferDtype(input)).toBeUndefined()
    }
    expect(invalidFor([2n ** 64n], null).message).toContain(
      '18446744073709551616 does not fit in int64 or uint64',
    )
    expect(invalidFor([-1n, 2n ** 63n], null).message).toContain(
      'integers spanning -1..9223372036854775808 fit neither int64 nor uint64',
    )
  })
})

describe('toNDArray: integer boundaries', () => {
  it.each(INT_DTYPES)('%s: accepts min and max, rejects max+1, min-1, 1.5, NaN and ±Infinity', (dtype) => {
    const [lo, hi] = RANGES[dtype]
    const min = Number(lo)
    const max = Number(hi)
    const result = toNDArray([min, max, 0], opts(dtype))
    expect(Array.from(result.data as ArrayLike<number>)).toEqual([min, max, 0])

    const over = invalidFor(max + 1, dtype)
    expect(over.message).toBe(
      `tensor "labels", sample 3: ${max + 1} does not fit in ${dtype} (${lo}..${hi}); pass { cast: true } to wrap`,
    )
    expect(over.expected).toBe(`integers in ${lo}..${hi}`)
    expect(over.hint).toBe('pass { cast: true } to wrap')

    expect(invalidFor(min - 1, dtype).message).toContain(`${min - 1} does not fit in ${dtype} (${lo}..${hi})`)
    expect(invalidFor(1.5, dtype).message).toContain(`1.5 cannot be stored in ${dtype} without a cast`)
    expect(invalidFor(1.5, dtype).expected).toBe(`integers in ${lo}..${hi}`)
    expect(invalidFor(Number.NaN, dtype).message).toContain(`NaN cannot be stored in ${dtype} without a cast`)
    expect(invalidFor(Number.POSITIVE_INFINITY, dtype).message).toContain(
      `Infinity cannot be stored in ${dtype}`,
    )
    expect(invalidFor(Number.NEGATIVE_INFINITY, dtype).message).toContain(
      `-Infinity cannot be stored in ${dtype}`,
    )
    // The same checks apply to TypedArray and bigint sources.
    expect(invalidFor(new Float64Array([0, max + 1]), dtype).message).toContain(`${max + 1} does not fit`)
    expect(invalidFor(new Float32Array([0.5]), dtype).message).toContain('0.5 cannot be stored')
    expect(invalidFor(BigInt(max) + 1n, dtype).message).toContain(`${max + 1} does not fit in ${dtype}`)
    expect(toNDArray([lo, hi], opts(dtype)).data).toEqual(toNDArray([min, max], opts(dtype)).data)
  })

  it.each(['uint8', 'uint16', 'uint32', 'uint64'] as const)('%s: rejects -1', (dtype) => {
    expect(invalidFor(-1, dtype).message).toContain(`-1 does not fit in ${dtype} (0..`)
    expect(invalidFor(-1n, dtype).message).toContain(`-1 does not fit in ${dtype} (0..`)
    expect(invalidFor(new Int8Array([-1]), dtype).message).toContain(`-1 does not fit in ${dtype}`)
  })

  it('int64: accepts its extremes as bigints and as exact numbers', () => {
    const [lo, hi] = RANGES.int64
    expect(toNDArray([lo, hi], opts('int64')).data).toEqual(new BigInt64Array([lo, hi]))
    // -2^63 is exactly a double; 2^63 - 1 is not, so the largest number accepted is 2^63 - 1024.
    expect(toNDArray([-(2 ** 63), 2 ** 63 - 1024], opts('int64')).data).toEqual(
      new BigInt64Array([lo, 2n ** 63n - 1024n]),
    )
    expect(invalidFor(hi + 1n, 'int64').message).toContain(
      '9223372036854775808 does not fit in int64 (-9223372036854775808..9223372036854775807)',
    )
    // 2^63 as a number prints with all its digits.
    expect(invalidFor(2 ** 63, 'int64').message).toContain('9223372036854775808 does not fit in int64')
    expect(invalidFor(lo - 1n, 'int64').message).toContain('-9223372036854775809 does not fit in int64')
    expect(invalidFor(1.5, 'int64').message).toContain('1.5 cannot be stored in int64 without a cast')
    expect(invalidFor(Number.NaN, 'int64').message).toContain('NaN cannot be stored in int64')
    expect(invalidFor(Number.POSITIVE_INFINITY, 'int64').message).toContain(
      'Infinity cannot be stored in int64',
    )
  })

  it('int64: converts numbers beyond 2^53 exactly, like BigInt(value)', () => {
    const values = [2 ** 53 + 2, -(2 ** 60) - 4096, 2 ** 62, -1, -(2 ** 31), 2 ** 31, 2 ** 32 + 1]
    expect(toNDArray(values, opts('int64')).data).toEqual(new BigInt64Array(values.map((v) => BigInt(v))))
  })

  it('uint64: accepts 0 and 2^64 - 1, rejects 2^64', () => {
    const [, hi] = RANGES.uint64
    expect(toNDArray([0n, hi], opts('uint64')).data).toEqual(new BigUint64Array([0n, hi]))
    expect(toNDArray([0, 2 ** 64 - 2048], opts('uint64')).data).toEqual(
      new BigUint64Array([0n, 2n ** 64n - 2048n]),
    )
    expect(invalidFor(hi + 1n, 'uint64').message).toContain(
      '18446744073709551616 does not fit in uint64 (0..18446744073709551615)',
    )
    expect(invalidFor(2 ** 64, 'uint64').message).toContain('18446744073709551616 does not fit in uint64')
    expect(invalidFor(new BigInt64Array([5n, -5n]), 'uint64').message).toContain('-5 does not fit in uint64')
    expect(invalidFor(new BigUint64Array([hi]), 'int64').message).toContain(
      '18446744073709551615 does not fit in int64',
    )
  })

  it('widens without checks and narrows with them', () => {
    expect(toNDArray(new Uint8Array([0, 255]), opts('int16')).data).toEqual(new Int16Array([0, 255]))
    expect(toNDArray(new Int32Array([-5, 7]), opts('int64')).data).toEqual(new BigInt64Array([-5n, 7n]))
    expect(toNDArray(new Uint32Array([4294967295]), opts('uint64')).data).toEqual(
      new BigUint64Array([4294967295n]),
    )
    expect(toNDArray(new Int16Array([-128, 127]), opts('int8')).data).toEqual(new Int8Array([-128, 127]))
    expect(invalidFor(new Int16Array([5, 128]), 'int8').message).toContain(
      '128 does not fit in int8 (-128..127) at element [1]',
    )
    expect(toNDArray(new BigInt64Array([-2147483648n, 2147483647n]), opts('int32')).data).toEqual(
      new Int32Array([-2147483648, 2147483647]),
    )
    expect(toNDArray([1n, 2], opts('uint8')).data).toEqual(new Uint8Array([1, 2]))
    expect(invalidFor([1n, 2.5], 'int32').message).toContain('2.5 cannot be stored in int32')
  })

  it('reports the element position of a bad value in multi-element samples', () => {
    const error = invalidFor(
      [
        [1, 2, 3],
        [4, 300, 6],
      ],
      'uint8',
    )
    expect(error.message).toBe(
      'tensor "labels", sample 3: 300 does not fit in uint8 (0..255) at element [1, 1]; pass { cast: true } to wrap',
    )
  })
})

describe('toNDArray: floats and bool', () => {
  it('float32/float64 accept any number (rounding and overflow are not errors)', () => {
    const values = [0.1, -1e300, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 60]
    const f32 = toNDArray(values, opts('float32')).data
    expect(elements(f32)).toEqual([
      Math.fround(0.1),
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -0,
      2 ** 60,
    ])
    expect(elements(toNDArray(values, opts('float64')).data)).toEqual(values)
    expect(toNDArray([1n, -(2n ** 62n)], opts('float64')).data).toEqual(new Float64Array([1, -(2 ** 62)]))
    expect(toNDArray(new BigInt64Array([3n]), opts('float32')).data).toEqual(new Float32Array([3]))
    expect(toNDArray(new Int8Array([-3, 4]), opts('float32')).data).toEqual(new Float32Array([-3, 4]))
    expect(toNDArray([true, false], opts('float64')).data).toEqual(new Float64Array([1, 0]))
  })

  it('float16: rounds to half bits, allows NaN and Infinity, rejects overflow', () => {
    const result = toNDArray([1, -2, 65504, 65519, 0.1, Number.POSITIVE_INFINITY], opts('float16'))
    expect(result.dtype).toBe('float16')
    expect(elements(result.data)).toEqual([0x3c00, 0xc000, 0x7bff, 0x7bff, 0x2e66, 0x7c00])
    const nan = toNDArray(Number.NaN, opts('float16')).data[0] as number
    expect(nan & 0x7c00).toBe(0x7c00)
    expect(nan & 0x3ff).not.toBe(0)

    const error = invalidFor([1, 65520], 'float16')
    expect(error.message).toBe(
      'tensor "labels", sample 3: 65520 overflows float16 (largest finite value 65504) at element [1]; pass { cast: true } to store ±Infinity',
    )
    expect(error.expected).toBe('numbers within ±65504 (or ±Infinity, NaN)')
    expect(invalidFor(-1e6, 'float16').message).toContain('-1000000 overflows float16')
    expect(invalidFor(new Float32Array([70000]), 'float16').message).toContain('70000 overflows float16')
    expect(invalidFor(100000n, 'float16').message).toContain('100000 overflows float16')
    expect(elements(toNDArray([70000, -70000], opts('float16', { cast: true })).data)).toEqual([
      0x7c00, 0xfc00,
    ])
    expect(elements(toNDArray(new Int32Array([3, -1]), opts('float16')).data)).toEqual([0x4200, 0xbc00])
    expect(elements(toNDArray(new BigInt64Array([2n]), opts('float16')).data)).toEqual([0x4000])
  })

  it('bool: accepts true, false, 0 and 1 only', () => {
    expect(toNDArray([true, false, 0, 1, -0], opts('bool')).data).toEqual(new Uint8Array([1, 0, 0, 1, 0]))
    expect(toNDArray(new Float32Array([1, 0]), opts('bool')).data).toEqual(new Uint8Array([1, 0]))
    expect(toNDArray([0n, 1n], opts('bool')).data).toEqual(new Uint8Array([0, 1]))
    const error = invalidFor(2, 'bool')
    expect(error.message).toBe(
      'tensor "labels", sample 3: 2 is not a valid bool (use true, false, 0 or 1); pass { cast: true } to store nonzero values as true',
    )
    expect(error.expected).toBe('true, false, 0 or 1')
    expect(invalidFor(-1, 'bool').message).toContain('-1 is not a valid bool')
    expect(invalidFor(0.5, 'bool').message).toContain('0.5 is not a valid bool')
    expect(invalidFor(Number.NaN, 'bool').message).toContain('NaN is not a valid bool')
    expect(invalidFor(2n, 'bool').message).toContain('2 is not a valid bool')
  })

  it('decodes float16 NDArrays for other targets', () => {
    const data = new Uint16Array([0x3c00, 0x3e00, 0x7c00])
    expect(elements(toNDArray({ dtype: 'float16', shape: [3], data }, opts('float64')).data)).toEqual([
      1,
      1.5,
      Number.POSITIVE_INFINITY,
    ])
    expect(invalidFor({ dtype: 'float16', shape: [3], data }, 'int8').message).toContain(
      '1.5 cannot be stored in int8',
    )
  })
})

describe('toNDArray: cast', () => {
  const cast = { cast: true }

  it('truncates floats toward zero and turns NaN and ±Infinity into 0', () => {
    const values = [1.9, -1.9, 0.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]
    expect(elements(toNDArray(values, opts('int32', cast)).data)).toEqual([1, -1, 0, 0, 0, 0, 0])
    expect(toNDArray(values, opts('int64', cast)).data).toEqual(
      new BigInt64Array([1n, -1n, 0n, 0n, 0n, 0n, 0n]),
    )
    expect(elements(toNDArray(new Float32Array([2.7, -2.7]), opts('uint16', cast)).data)).toEqual([2, 65534])
  })

  it('wraps out-of-range values modulo 2^bits, like numpy astype', () => {
    expect(elements(toNDArray([300, -1, 256, -129, 128], opts('uint8', cast)).data)).toEqual([
      44, 255, 0, 127, 128,
    ])
    expect(elements(toNDArray([128, -129, 255], opts('int8', cast)).data)).toEqual([-128, 127, -1])
    expect(elements(toNDArray([65536 + 7, -1], opts('uint16', cast)).data)).toEqual([7, 65535])
    expect(elements(toNDArray([2 ** 31, -(2 ** 31) - 1], opts('int32', cast)).data)).toEqual([
      -(2 ** 31),
      2 ** 31 - 1,
    ])
    expect(elements(toNDArray([-1, 2 ** 32 + 3], opts('uint32', cast)).data)).toEqual([2 ** 32 - 1, 3])
    expect(toNDArray([2 ** 63, -1, 2 ** 64 + 8192], opts('int64', cast)).data).toEqual(
      new BigInt64Array([-(2n ** 63n), -1n, 8192n]),
    )
    expect(toNDArray([-1, 2 ** 64], opts('uint64', cast)).data).toEqual(
      new BigUint64Array([2n ** 64n - 1n, 0n]),
    )
    expect(toNDArray([2n ** 64n + 5n, -1n], opts('uint64', cast)).data).toEqual(
      new BigUint64Array([5n, 2n ** 64n - 1n]),
    )
    expect(toNDArray(new BigInt64Array([-1n, 300n, 2n ** 40n + 5n]), opts('uint8', cast)).data).toEqual(
      new Uint8Array([255, 44, 5]),
    )
    expect(toNDArray([2n ** 40n + 2n ** 31n], opts('int32', cast)).data).toEqual(new Int32Array([-(2 ** 31)]))
    expect(toNDArray(new BigUint64Array([2n ** 64n - 1n]), opts('int64', cast)).data).toEqual(
      new BigInt64Array([-1n]),
    )
    expect(toNDArray([1.5, 2n ** 64n + 1n], opts('int64', cast)).data).toEqual(new BigInt64Array([1n, 1n]))
  })

  it('stores nonzero values as true for bool', () => {
    expect(toNDArray([0, 2, -1, 0.5, Number.NaN, -0], opts('bool', cast)).data).toEqual(
      new Uint8Array([0, 1, 1, 1, 1, 0]),
    )
    expect(toNDArray(new Uint8Array([0, 7]), opts('bool', cast)).data).toEqual(new Uint8Array([0, 1]))
    expect(toNDArray([0n, 5n], opts('bool', cast)).data).toEqual(new Uint8Array([0, 1]))
  })

  it('does not copy a matching TypedArray even with cast', () => {
    const input = new Int8Array([1, 2])
    expect(toNDArray(input, opts('int8', cast)).data.buffer).toBe(input.buffer)
  })
})

describe('isArrayInput', () => {
  it.each<[unknown, boolean]>([
    [1, true],
    [true, true],
    [1n, true],
    [[], true],
    [[[1, 2]], true],
    [[[true]], true],
    [new Float32Array(2), true],
    [Buffer.alloc(1), true],
    [[new Uint8Array(2)], true],
    [{ shape: [1], data: [1] }, true],
    [{ dtype: 'uint8', shape: [1], data: new Uint8Array(1) }, true],
    ['text', false],
    [['a', 'b'], false],
    [null, false],
    [undefined, false],
    [{ images: [1] }, false],
    [new Date(), false],
    [new DataView(new ArrayBuffer(1)), false],
    [new ArrayBuffer(1), false],
    [[{ shape: [1], data: [1] }], false],
  ])('%o -> %s', (input, expected) => {
    expect(isArrayInput(input)).toBe(expected)
  })
})

describe('toNDArray: properties', () => {
  it.each(INT_DTYPES)('%s: in-range integer arrays round-trip exactly', (dtype) => {
    const [lo, hi] = RANGES[dtype]
    fc.assert(
      fc.property(fc.array(fc.integer({ min: Number(lo), max: Number(hi) }), { maxLength: 64 }), (values) => {
        const result = toNDArray(values, opts(dtype))
        expect(result.dtype).toBe(dtype)
        expect(result.shape).toEqual([values.length])
        expect(Array.from(result.data as ArrayLike<number>)).toEqual(values)
        // Also through a Float64Array and as bigints.
        expect(toNDArray(Float64Array.from(values), opts(dtype)).data).toEqual(result.data)
        expect(toNDArray(values.map(BigInt), opts(dtype)).data).toEqual(result.data)
      }),
    )
  })

  it.each(['int64', 'uint64'] as const)('%s: in-range integer arrays round-trip exactly', (dtype) => {
    const [lo, hi] = RANGES[dtype]
    const Ctor = dtype === 'int64' ? BigInt64Array : BigUint64Array
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: lo, max: hi }), { maxLength: 64 }), (values) => {
        const result = toNDArray(values, opts(dtype))
        expect(result.data).toEqual(new Ctor(values))
      }),
    )
    // Numbers, including integral doubles far beyond 2^53, convert like BigInt(value).
    const limit = dtype === 'int64' ? 2 ** 63 : 2 ** 64
    const numbers = fc.oneof(
      fc.integer({ min: dtype === 'int64' ? -(2 ** 31) : 0, max: 2 ** 31 - 1 }),
      fc.maxSafeInteger().filter((v) => dtype === 'int64' || v >= 0),
      fc
        .double({ min: dtype === 'int64' ? -limit : 0, max: limit, noNaN: true })
        .map(Math.trunc)
        .filter((v) => v < limit),
    )
    fc.assert(
      fc.property(fc.array(numbers, { maxLength: 64 }), (values) => {
        expect(toNDArray(values, opts(dtype)).data).toEqual(new Ctor(values.map((v) => BigInt(v))))
      }),
    )
  })

  it('cast matches BigInt.asIntN / asUintN of the truncated value', () => {
    const widths: [NumericDtype, number, boolean][] = [
      ['int8', 8, true],
      ['uint8', 8, false],
      ['int16', 16, true],
      ['uint16', 16, false],
      ['int32', 32, true],
      ['uint32', 32, false],
      ['int64', 64, true],
      ['uint64', 64, false],
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...widths),
        fc.array(fc.double({ min: -(2 ** 70), max: 2 ** 70, noNaN: true }), { maxLength: 16 }),
        ([dtype, bits, signed], values) => {
          const data = toNDArray(values, opts(dtype, { cast: true })).data as ArrayLike<number | bigint>
          values.forEach((v, i) => {
            const wrapped = (signed ? BigInt.asIntN : BigInt.asUintN)(bits, BigInt(Math.trunc(v)))
            expect(BigInt(data[i]!)).toBe(wrapped)
          })
        },
      ),
    )
  })

  it('float16 targets store the nearest half for any finite number within range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -65504, max: 65504, noNaN: true }), { maxLength: 32 }),
        (values) => {
          const data = toNDArray(values, opts('float16')).data
          expect(elements(data)).toEqual(values.map(float32ToFloat16Bits))
        },
      ),
    )
  })
})
