import { ShoalError } from './errors.js'

/** Numeric element types of the format (numpy dtype names). */
export type NumericDtype =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float16'
  | 'float32'
  | 'float64'

/** The TypedArray that holds each numeric dtype. float16 is kept as raw uint16 bits. */
export interface TypedArrayOf {
  bool: Uint8Array
  int8: Int8Array
  int16: Int16Array
  int32: Int32Array
  int64: BigInt64Array
  uint8: Uint8Array
  uint16: Uint16Array
  uint32: Uint32Array
  uint64: BigUint64Array
  float16: Uint16Array
  float32: Float32Array
  float64: Float64Array
}

export type AnyTypedArray = TypedArrayOf[NumericDtype]

type TypedArrayConstructor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): AnyTypedArray
  new (length: number): AnyTypedArray
  readonly BYTES_PER_ELEMENT: number
}

const CONSTRUCTORS: Record<NumericDtype, TypedArrayConstructor> = {
  bool: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
} as Record<NumericDtype, TypedArrayConstructor>

/** True for the numpy dtype names this format stores as fixed-size elements. */
export function isNumericDtype(name: unknown): name is NumericDtype {
  return typeof name === 'string' && Object.hasOwn(CONSTRUCTORS, name)
}

/** Bytes per element of a numeric dtype. */
export function itemSize(dtype: NumericDtype): number {
  return CONSTRUCTORS[dtype].BYTES_PER_ELEMENT
}

/** Maps numpy typestrs (`<i4`, `|u1`) and other spellings onto dtype names; undefined if unknown. */
export function dtypeFromTypestr(typestr: string): NumericDtype | undefined {
  const kind = typestr.replace(/^[<>|=]/, '')
  const table: Record<string, NumericDtype> = {
    b1: 'bool',
    i1: 'int8',
    i2: 'int16',
    i4: 'int32',
    i8: 'int64',
    u1: 'uint8',
    u2: 'uint16',
    u4: 'uint32',
    u8: 'uint64',
    f2: 'float16',
    f4: 'float32',
    f8: 'float64',
  }
  return table[kind]
}

/**
 * A typed view over `bytes` for `dtype`. No copy when the bytes are aligned for the element
 * size (the common case: chunk buffers are fresh allocations); one copy otherwise, because
 * TypedArrays cannot view misaligned memory.
 */
export function typedView<D extends NumericDtype>(dtype: D, bytes: Uint8Array): TypedArrayOf[D] {
  const Ctor = CONSTRUCTORS[dtype]
  const size = Ctor.BYTES_PER_ELEMENT
  if (bytes.byteLength % size !== 0) {
    throw new ShoalError(
      'CORRUPT_CHUNK',
      `${bytes.byteLength} bytes is not a whole number of ${dtype} elements (${size} bytes each)`,
    )
  }
  const length = bytes.byteLength / size
  if (bytes.byteOffset % size === 0)
    return new Ctor(bytes.buffer, bytes.byteOffset, length) as TypedArrayOf[D]
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  return new Ctor(copy.buffer, 0, length) as TypedArrayOf[D]
}

/** A zero-filled array of `length` elements of `dtype`. */
export function allocTyped<D extends NumericDtype>(dtype: D, length: number): TypedArrayOf[D] {
  return new CONSTRUCTORS[dtype](length) as TypedArrayOf[D]
}

/** The bytes under a typed array (a view, no copy). */
export function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}
