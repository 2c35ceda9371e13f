import {
  type AnyTypedArray,
  bytesOf,
  dtypeFromTypestr,
  isNumericDtype,
  itemSize,
  type NumericDtype,
  typedView,
} from '../dtype.js'
import type { NDArray } from '../ndarray.js'
import { decodeBase64, encodeBase64 } from './base64.js'
import { invalidArgument, invalidMetadata } from './fail.js'

/** A compressed file embedded in JSON (`_hub_custom_type: "Sample"`). */
export interface CustomSample {
  readonly compression: string
  readonly bytes: Uint8Array
}

const TAG = '_hub_custom_type'

/**
 * Recursively replaces deeplake's tagged JSON objects (spec §2.5.4) in a parsed JSON value:
 * `ndarray` → `{ dtype, shape, data }` (an {@link NDArray}; big-endian data is byte-swapped),
 * `bytes` → Uint8Array, `Sample` → `{ compression, bytes }`. ndarrays of non-numeric dtypes
 * (strings, objects) are left as stored. Unchanged sub-trees are returned as-is, not copied.
 * INVALID_METADATA (naming `key` when given) for tagged objects whose data is malformed.
 */
export function decodeCustomJson(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return mapArray(value, (item) => decodeCustomJson(item, key))
  if (!isPlainObject(value)) return value
  const tag = value[TAG]
  if (tag === 'ndarray') return decodeNdarray(value, key)
  if (tag === 'bytes') return decodeData(value.data, key)
  if (tag === 'Sample' && typeof value.compression === 'string') {
    return { compression: value.compression, bytes: decodeData(value.data, key) } satisfies CustomSample
  }
  return mapObject(value, (item) => decodeCustomJson(item, key))
}

function decodeData(data: unknown, key: string | undefined): Uint8Array {
  const bytes = typeof data === 'string' ? decodeBase64(data) : undefined
  if (!bytes)
    throw invalidMetadata('a tagged JSON object holds invalid base64 data', key, { expected: 'base64 text' })
  return bytes
}

function decodeNdarray(value: Record<string, unknown>, key: string | undefined): unknown {
  const typestr = value.dtype
  const dtype = typeof typestr === 'string' ? dtypeFromTypestr(typestr) : undefined
  if (dtype === undefined) return value
  const shape = value.shape
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw invalidMetadata('an embedded ndarray has an invalid shape', key, {
      expected: 'a list of non-negative ints',
    })
  }
  const bytes = decodeData(value.data, key)
  let count = 1
  for (const d of shape as number[]) count *= d
  if (bytes.byteLength !== count * itemSize(dtype)) {
    throw invalidMetadata(
      `an embedded ${dtype} ndarray of shape [${shape.join(', ')}] holds ${bytes.byteLength} bytes, not ${count * itemSize(dtype)}`,
      key,
    )
  }
  if ((typestr as string).startsWith('>')) swapBytes(bytes, itemSize(dtype))
  return { dtype, shape: [...(shape as number[])], data: typedView(dtype, bytes) } satisfies NDArray
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let at = 0; at + size <= bytes.byteLength; at += size) bytes.subarray(at, at + size).reverse()
}

const TYPESTRS: Record<NumericDtype, string> = {
  bool: '|b1',
  int8: '|i1',
  uint8: '|u1',
  int16: '<i2',
  uint16: '<u2',
  int32: '<i4',
  uint32: '<u4',
  int64: '<i8',
  uint64: '<u8',
  float16: '<f2',
  float32: '<f4',
  float64: '<f8',
}

/** The numpy typestr Python writes for a dtype (`<i4`, `|u1`, `|b1`). */
export function typestrOf(dtype: NumericDtype): string {
  return TYPESTRS[dtype]
}

/**
 * The reverse of {@link decodeCustomJson}, producing the objects Python's encoder writes (same
 * key order): Uint8Array/ArrayBuffer → `bytes`; `{ dtype, shape, data }` with a typed array →
 * `ndarray`; `{ compression, bytes }` → `Sample`; other typed arrays → 1-D `ndarray` (dtype
 * from the array type). Recurses into arrays, plain objects and Maps; unchanged sub-trees are
 * returned as-is.
 */
export function encodeCustomJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return taggedBytes(value)
  if (value instanceof ArrayBuffer) return taggedBytes(new Uint8Array(value))
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const array = value as AnyTypedArray
    return ndarray(dtypeOfArray(array), [array.length], array)
  }
  if (Array.isArray(value)) return mapArray(value, encodeCustomJson)
  if (value instanceof Map) {
    let changed = false
    const out = new Map<unknown, unknown>()
    for (const [k, v] of value) {
      const encoded = encodeCustomJson(v)
      changed ||= encoded !== v
      out.set(k, encoded)
    }
    return changed ? out : value
  }
  if (!isObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 3 && isNdarrayLike(value)) return ndarray(value.dtype, value.shape, value.data)
  if (keys.length === 2 && typeof value.compression === 'string' && value.bytes instanceof Uint8Array) {
    return { [TAG]: 'Sample', data: encodeBase64(value.bytes), compression: value.compression }
  }
  return mapObject(value, encodeCustomJson)
}

function taggedBytes(bytes: Uint8Array): Record<string, unknown> {
  return { [TAG]: 'bytes', data: encodeBase64(bytes) }
}

function ndarray(
  dtype: NumericDtype,
  shape: readonly number[],
  data: ArrayBufferView,
): Record<string, unknown> {
  let count = 1
  for (const d of shape) count *= d
  if (data.byteLength !== count * itemSize(dtype)) {
    throw invalidArgument(
      `an array of shape [${shape.join(', ')}] and dtype ${dtype} needs ${count * itemSize(dtype)} bytes, not ${data.byteLength}`,
    )
  }
  return { [TAG]: 'ndarray', data: encodeBase64(bytesOf(data)), shape: [...shape], dtype: TYPESTRS[dtype] }
}

function isNdarrayLike(
  value: Record<string, unknown>,
): value is { dtype: NumericDtype; shape: number[]; data: ArrayBufferView } {
  return (
    isNumericDtype(value.dtype) &&
    Array.isArray(value.shape) &&
    value.shape.every((d) => Number.isSafeInteger(d) && d >= 0) &&
    ArrayBuffer.isView(value.data) &&
    !(value.data instanceof DataView)
  )
}

function dtypeOfArray(array: AnyTypedArray | ArrayBufferView): NumericDtype {
  if (array instanceof Int8Array) return 'int8'
  if (array instanceof Int16Array) return 'int16'
  if (array instanceof Uint16Array) return 'uint16'
  if (array instanceof Int32Array) return 'int32'
  if (array instanceof Uint32Array) return 'uint32'
  if (array instanceof BigInt64Array) return 'int64'
  if (array instanceof BigUint64Array) return 'uint64'
  if (array instanceof Float32Array) return 'float32'
  if (array instanceof Float64Array) return 'float64'
  return 'uint8' // Uint8ClampedArray
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value) || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function mapArray(items: readonly unknown[], fn: (item: unknown) => unknown): unknown[] {
  let out: unknown[] | undefined
  for (let i = 0; i < items.length; i++) {
    const mapped = fn(items[i])
    if (mapped !== items[i] && !out) out = items.slice(0, i)
    out?.push(mapped)
  }
  return out ?? (items as unknown[])
}

function mapObject(value: Record<string, unknown>, fn: (item: unknown) => unknown): Record<string, unknown> {
  let out: Record<string, unknown> | undefined
  const keys = Object.keys(value)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    const mapped = fn(value[k])
    if (mapped !== value[k] && !out) {
      out = {}
      for (let j = 0; j < i; j++) setOwn(out, keys[j]!, value[keys[j]!])
    }
    if (out) setOwn(out, k, mapped)
  }
  return out ?? value
}

/** Assigns an own property, even for the key `__proto__` (which JSON.parse creates as data). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
