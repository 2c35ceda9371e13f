/**
 * Turns whatever a user appends to a numeric tensor into an {@link NDArray} of the tensor's
 * dtype, or throws an `INVALID_SAMPLE` error before anything is written.
 *
 * Speed matters here (bulk image ingest): a TypedArray that already has the target dtype is
 * returned as a view with no copy and no per-element check; every other conversion is a single
 * tight loop (or a native `TypedArray.set`) with no per-element allocation.
 */

import type { AnyTypedArray, NumericDtype } from '../dtype.js'
import { allocTyped, bytesOf, isNumericDtype, typedView } from '../dtype.js'
import { ShoalError, where } from '../errors.js'
import type { NDArray } from '../ndarray.js'
import { shapeSize } from '../ndarray.js'
import { float16BitsToNumber, float32ToFloat16Bits } from './float16.js'

/** Where a sample is going and how strictly to convert it. */
export interface NormalizeOptions {
  readonly tensor: string
  readonly index: number
  /** Target dtype; null = infer from the input (first sample of a generic tensor). */
  readonly dtype: NumericDtype | null
  /** Allow lossy conversion (float -> int truncation toward zero, out-of-range wrap like numpy astype) instead of throwing. */
  readonly cast?: boolean
}

// ---------------------------------------------------------------------------------------------
// Tables

/** TypedArray class name (its `Symbol.toStringTag`, which also works across realms) -> dtype. */
const TAG_DTYPE: Readonly<Record<string, NumericDtype>> = {
  Int8Array: 'int8',
  Uint8Array: 'uint8',
  Uint8ClampedArray: 'uint8',
  Int16Array: 'int16',
  Uint16Array: 'uint16',
  Int32Array: 'int32',
  Uint32Array: 'uint32',
  BigInt64Array: 'int64',
  BigUint64Array: 'uint64',
  Float16Array: 'float16',
  Float32Array: 'float32',
  Float64Array: 'float64',
}

/** The TypedArray classes an NDArray-like `{ dtype, data }` may hold its data in. */
const DATA_TAGS: Readonly<Record<NumericDtype, readonly string[]>> = {
  bool: ['Uint8Array', 'Uint8ClampedArray'],
  int8: ['Int8Array'],
  int16: ['Int16Array'],
  int32: ['Int32Array'],
  int64: ['BigInt64Array'],
  uint8: ['Uint8Array', 'Uint8ClampedArray'],
  uint16: ['Uint16Array'],
  uint32: ['Uint32Array'],
  uint64: ['BigUint64Array'],
  float16: ['Uint16Array', 'Float16Array'],
  float32: ['Float32Array'],
  float64: ['Float64Array'],
}

interface IntRange {
  /** Smallest value, as a number (exact for every dtype). */
  readonly lo: number
  /** One past the largest value, as a number (exact: 2^63 and 2^64 are doubles, 2^63-1 is not). */
  readonly hiEx: number
  readonly loBig: bigint
  readonly hiBig: bigint
  readonly text: string
}

function intRange(loBig: bigint, hiBig: bigint): IntRange {
  return { lo: Number(loBig), hiEx: Number(hiBig + 1n), loBig, hiBig, text: `${loBig}..${hiBig}` }
}

/** Value ranges of the integer dtypes (bool included: it is a source range for widening). */
const INT_RANGE: Readonly<Partial<Record<NumericDtype, IntRange>>> = {
  bool: intRange(0n, 1n),
  int8: intRange(-(2n ** 7n), 2n ** 7n - 1n),
  int16: intRange(-(2n ** 15n), 2n ** 15n - 1n),
  int32: intRange(-(2n ** 31n), 2n ** 31n - 1n),
  int64: intRange(-(2n ** 63n), 2n ** 63n - 1n),
  uint8: intRange(0n, 2n ** 8n - 1n),
  uint16: intRange(0n, 2n ** 16n - 1n),
  uint32: intRange(0n, 2n ** 32n - 1n),
  uint64: intRange(0n, 2n ** 64n - 1n),
}

const INT64 = INT_RANGE.int64!
const UINT64 = INT_RANGE.uint64!
const TWO_POW_32 = 4294967296
// Which 32-bit word of a 64-bit element holds the low half (TypedArrays use platform order).
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1
const HIGH_WORD = 1 - LOW_WORD

const ACCEPTED = 'a number, boolean, bigint, nested array, TypedArray or { shape, data } object'

// ---------------------------------------------------------------------------------------------
// Errors

interface Ctx {
  readonly tensor: string
  readonly index: number
  shape: readonly number[]
}

function invalid(ctx: Ctx, message: string, expected: string, hint?: string): ShoalError {
  const text = `${where({ tensor: ctx.tensor, index: ctx.index })}: ${message}${hint ? `; ${hint}` : ''}`
  return new ShoalError('INVALID_SAMPLE', text, {
    tensor: ctx.tensor,
    index: ctx.index,
    expected,
    ...(hint ? { hint } : {}),
  })
}

/** Exact decimal text of a value (no `1e+21` for large integers, `-0` for negative zero). */
function fmt(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString()
  if (Object.is(value, -0)) return '-0'
  if (Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 2 ** 70) {
    return BigInt(value).toString()
  }
  return String(value)
}

/** " at element [i, j]" for multi-element samples; nothing for scalars. */
function at(ctx: Ctx, flatIndex: number): string {
  const shape = ctx.shape
  if (shapeSize(shape) <= 1) return ''
  const position = new Array<number>(shape.length).fill(0)
  for (let d = shape.length - 1; d >= 0; d--) {
    const extent = shape[d]!
    position[d] = flatIndex % extent
    flatIndex = Math.floor(flatIndex / extent)
  }
  return ` at element [${position.join(', ')}]`
}

function numberToIntError(ctx: Ctx, i: number, value: number, dtype: NumericDtype): ShoalError {
  const range = INT_RANGE[dtype]!
  const expected = `integers in ${range.text}`
  if (!Number.isInteger(value)) {
    const effect = Number.isFinite(value) ? 'truncate toward zero' : 'store 0'
    return invalid(
      ctx,
      `${fmt(value)} cannot be stored in ${dtype} without a cast${at(ctx, i)}`,
      expected,
      `pass { cast: true } to ${effect}`,
    )
  }
  return rangeError(ctx, i, value, dtype)
}

function rangeError(ctx: Ctx, i: number, value: number | bigint, dtype: NumericDtype): ShoalError {
  const range = INT_RANGE[dtype]!
  return invalid(
    ctx,
    `${fmt(value)} does not fit in ${dtype} (${range.text})${at(ctx, i)}`,
    `integers in ${range.text}`,
    'pass { cast: true } to wrap',
  )
}

function boolError(ctx: Ctx, i: number, value: number | bigint): ShoalError {
  return invalid(
    ctx,
    `${fmt(value)} is not a valid bool (use true, false, 0 or 1)${at(ctx, i)}`,
    'true, false, 0 or 1',
    'pass { cast: true } to store nonzero values as true',
  )
}

function float16Error(ctx: Ctx, i: number, value: number): ShoalError {
  return invalid(
    ctx,
    `${fmt(value)} overflows float16 (largest finite value 65504)${at(ctx, i)}`,
    'numbers within ±65504 (or ±Infinity, NaN)',
    'pass { cast: true } to store ±Infinity',
  )
}

/** "a string", "an object", "a Date", "null" — what the user passed, in words. */
function describe(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'undefined':
      return 'undefined'
    case 'string':
      return 'a string'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'a boolean'
    case 'bigint':
      return 'a bigint'
    case 'symbol':
      return 'a symbol'
    case 'function':
      return 'a function'
  }
  if (Array.isArray(value)) return 'an array'
  const tag = ArrayBuffer.isView(value) ? viewTag(value) : undefined
  let name = tag
  if (name === undefined) {
    const proto: unknown = Object.getPrototypeOf(value)
    const ctor: unknown = proto === null ? undefined : (proto as { constructor?: unknown }).constructor
    name = typeof ctor === 'function' && ctor.name !== '' && ctor.name !== 'Object' ? ctor.name : undefined
  }
  if (name === undefined) return 'an object'
  // "a Uint8Array", "an Int8Array", "an ArrayBuffer".
  return `${/^(?:[aeio]|u(?!int|ni|s))/i.test(name) ? 'an' : 'a'} ${name}`
}

// ---------------------------------------------------------------------------------------------
// Reading the input

function viewTag(view: ArrayBufferView): string | undefined {
  const tag: unknown = (view as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag]
  return typeof tag === 'string' ? tag : undefined
}

/** The TypedArray class name of a numeric TypedArray (Buffer counts as Uint8Array), else undefined. */
function numericTag(value: unknown): string | undefined {
  if (!ArrayBuffer.isView(value)) return undefined
  const tag = viewTag(value)
  return tag !== undefined && Object.hasOwn(TAG_DTYPE, tag) ? tag : undefined
}

type TypedInput = ArrayBufferView & { readonly length: number }

/**
 * The input, reduced to one flat run of values plus its shape and element dtype.
 * - `num`: numbers (a number TypedArray, or a plain array with booleans already 0/1);
 * - `big`: bigints (BigInt64Array / BigUint64Array, or a plain array of bigints);
 * - `mixed`: a plain array holding both numbers and bigints;
 * - `f16`: float16 bit patterns in a Uint16Array.
 * `typed` marks values that are the caller's TypedArray, i.e. candidates for a zero-copy view.
 */
type Source = {
  readonly shape: number[]
  /** Element dtype; undefined for plain values when no inference was asked for. */
  readonly dtype: NumericDtype | undefined
  readonly typed: boolean
} & (
  | { readonly kind: 'num'; readonly values: ArrayLike<number> }
  | { readonly kind: 'big'; readonly values: ArrayLike<bigint> }
  | { readonly kind: 'mixed'; readonly values: readonly (number | bigint)[] }
  | { readonly kind: 'f16'; readonly values: Uint16Array }
)

function typedSource(data: TypedInput, tag: string, shape: number[], dtype = TAG_DTYPE[tag]!): Source {
  if (tag === 'Float16Array') {
    // Native float16 arrays (Node 24+) already hold the bits we store: view them as uint16.
    const bits = new Uint16Array(data.buffer, data.byteOffset, data.length)
    return { kind: 'f16', values: bits, dtype: 'float16', typed: true, shape }
  }
  if (dtype === 'float16') return { kind: 'f16', values: data as Uint16Array, dtype, typed: true, shape }
  if (tag === 'BigInt64Array' || tag === 'BigUint64Array') {
    return { kind: 'big', values: data as unknown as ArrayLike<bigint>, dtype, typed: true, shape }
  }
  return { kind: 'num', values: data as unknown as ArrayLike<number>, dtype, typed: true, shape }
}

/** Scalars and flattened nested arrays: the values plus what kinds of value were seen. */
interface Plain {
  values: (number | bigint)[]
  hasBool: boolean
  hasNumber: boolean
  hasBigint: boolean
  /** The TypedArray class of every innermost row if all of them are TypedArrays of one class. */
  rowTag: string | null | undefined
}

function plainSource(plain: Plain, shape: number[], ctx: Ctx, infer: boolean): Source {
  // Inference only when the tensor has no dtype yet: it may reject values (bigints beyond
  // uint64) that a cast to a known dtype would accept.
  let dtype: NumericDtype | undefined
  if (!infer) dtype = undefined
  else if (typeof plain.rowTag === 'string' && plain.values.length > 0) dtype = TAG_DTYPE[plain.rowTag]!
  else dtype = inferPlain(plain, ctx)
  if (plain.hasBigint && (plain.hasNumber || plain.hasBool)) {
    return { kind: 'mixed', values: plain.values, dtype, typed: false, shape }
  }
  if (plain.hasBigint) return { kind: 'big', values: plain.values as bigint[], dtype, typed: false, shape }
  return { kind: 'num', values: plain.values as number[], dtype, typed: false, shape }
}

/** numpy's choice for Python values: bool, else int64 / uint64 for integers, else float64. */
function inferPlain(plain: Plain, ctx: Ctx): NumericDtype {
  const values = plain.values
  if (values.length === 0) return 'float64'
  if (!plain.hasNumber && !plain.hasBigint) return 'bool'
  let min: number | bigint = values[0]!
  let max: number | bigint = min
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    // JS cannot tell 2.0 from 2, so integral numbers count as integers.
    if (typeof v === 'number' && !Number.isInteger(v)) return 'float64'
    if (v < min) min = v
    if (v > max) max = v
  }
  if (min >= INT64.loBig && max <= INT64.hiBig) return 'int64'
  if (min >= 0 && max <= UINT64.hiBig) return 'uint64'
  if (!plain.hasBigint) return 'float64'
  throw invalid(
    ctx,
    min === max
      ? `${fmt(min)} does not fit in int64 or uint64`
      : `integers spanning ${fmt(min)}..${fmt(max)} fit neither int64 nor uint64`,
    `integers in ${INT64.text} or ${UINT64.text}`,
  )
}

function scalarPlain(value: number | boolean | bigint): Plain {
  if (typeof value === 'boolean') {
    return { values: [value ? 1 : 0], hasBool: true, hasNumber: false, hasBigint: false, rowTag: null }
  }
  const isBig = typeof value === 'bigint'
  return { values: [value], hasBool: false, hasNumber: !isBig, hasBigint: isBig, rowTag: null }
}

function rowName(path: readonly number[]): string {
  return path.length === 1 ? `row ${path[0]}` : `row [${path.join(', ')}]`
}

/** Checks that a nested array is rectangular and flattens it in C order. */
function flattenNested(input: readonly unknown[], ctx: Ctx): { shape: number[]; plain: Plain } {
  // The shape comes from the chain of first elements; every other row must match it.
  const shape: number[] = []
  let node: unknown = input
  for (;;) {
    if (Array.isArray(node)) {
      shape.push(node.length)
      if (node.length === 0) break
      node = node[0]
      continue
    }
    if (numericTag(node) !== undefined) shape.push((node as TypedInput).length)
    break
  }

  // Fast path: a flat array of numbers is used as it is, with no copy.
  if (shape.length === 1) {
    let allNumbers = true
    for (let i = 0; i < input.length; i++) {
      if (typeof input[i] !== 'number') {
        allNumbers = false
        break
      }
    }
    if (allNumbers) {
      const values = input as number[]
      return {
        shape,
        plain: { values, hasBool: false, hasNumber: values.length > 0, hasBigint: false, rowTag: null },
      }
    }
  }

  const plain: Plain = { values: [], hasBool: false, hasNumber: false, hasBigint: false, rowTag: undefined }
  const values = plain.values
  const path: number[] = []
  const ndim = shape.length

  const pushScalar = (value: unknown): void => {
    switch (typeof value) {
      case 'number':
        values.push(value)
        plain.hasNumber = true
        return
      case 'boolean':
        values.push(value ? 1 : 0)
        plain.hasBool = true
        return
      case 'bigint':
        values.push(value)
        plain.hasBigint = true
        return
    }
    if (Array.isArray(value) || numericTag(value) !== undefined) {
      throw invalid(
        ctx,
        `ragged nested array: element [${path.join(', ')}] is ${describe(value)}, expected a scalar`,
        `a rectangular array of shape [${shape.join(', ')}]`,
      )
    }
    throw invalid(
      ctx,
      `element [${path.join(', ')}] is ${describe(value)}; expected a number, boolean or bigint`,
      'numbers, booleans or bigints',
    )
  }

  const visit = (row: unknown, depth: number): void => {
    const want = shape[depth]!
    const tag = numericTag(row)
    const isRow = Array.isArray(row) || (tag !== undefined && depth === ndim - 1)
    if (!isRow) {
      const what = tag !== undefined ? `a ${tag} of scalars` : describe(row)
      throw invalid(
        ctx,
        `ragged nested array: ${rowName(path)} is ${what}, expected ${want} elements`,
        `a rectangular array of shape [${shape.join(', ')}]`,
      )
    }
    const items = row as ArrayLike<unknown>
    if (items.length !== want) {
      throw invalid(
        ctx,
        `ragged nested array: ${rowName(path)} has ${items.length} elements, expected ${want}`,
        `a rectangular array of shape [${shape.join(', ')}]`,
      )
    }
    if (depth === ndim - 1) {
      // Innermost row: remember whether all such rows are TypedArrays of one class.
      if (tag === undefined) plain.rowTag = null
      else if (plain.rowTag === undefined) plain.rowTag = tag
      else if (plain.rowTag !== tag) plain.rowTag = null
      if (tag !== undefined) {
        // A TypedArray row holds only numbers (or only bigints): copy without per-element checks.
        const isBig = tag === 'BigInt64Array' || tag === 'BigUint64Array'
        if (items.length > 0) {
          if (isBig) plain.hasBigint = true
          else plain.hasNumber = true
        }
        for (let i = 0; i < items.length; i++) values.push(items[i] as number | bigint)
        return
      }
      for (let i = 0; i < items.length; i++) {
        path.push(i)
        pushScalar(items[i])
        path.pop()
      }
      return
    }
    for (let i = 0; i < items.length; i++) {
      path.push(i)
      visit(items[i], depth + 1)
      path.pop()
    }
  }

  if (ndim === 1) {
    // A one-level array: every element must be a scalar.
    for (let i = 0; i < input.length; i++) {
      path.push(i)
      pushScalar(input[i])
      path.pop()
    }
    plain.rowTag = null
  } else {
    visit(input, 0)
  }
  return { shape, plain }
}

function readShape(value: unknown, ctx: Ctx): number[] {
  if (Array.isArray(value) && value.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    return [...(value as number[])]
  }
  let shown: string
  try {
    shown = JSON.stringify(value) ?? String(value)
  } catch {
    shown = describe(value)
  }
  throw invalid(
    ctx,
    `shape must be an array of non-negative integers, got ${shown}`,
    'a shape like [256, 256, 3]',
  )
}

function checkLength(length: number, shape: readonly number[], ctx: Ctx): void {
  const size = shapeSize(shape)
  if (length !== size) {
    throw invalid(
      ctx,
      `data has ${length} elements but shape [${shape.join(', ')}] needs ${size}`,
      `${size} elements for shape [${shape.join(', ')}]`,
    )
  }
}

/** `{ shape, data }` and `{ dtype, shape, data }` objects (NDArrays from the reader among them). */
function ndSource(
  input: { shape?: unknown; data?: unknown; dtype?: unknown },
  ctx: Ctx,
  infer: boolean,
): Source {
  const shape = readShape(input.shape, ctx)
  const data = input.data
  const tag = numericTag(data)
  const declared = input.dtype
  if (declared !== undefined && declared !== null) {
    if (!isNumericDtype(declared)) {
      throw invalid(
        ctx,
        `unknown dtype ${JSON.stringify(declared) ?? String(declared)}`,
        'a numeric dtype name',
      )
    }
    const allowed = DATA_TAGS[declared]
    if (tag === undefined || !allowed.includes(tag)) {
      throw invalid(
        ctx,
        `an array of dtype ${declared} must hold its data in ${allowed.join(' or ')}, got ${describe(data)}`,
        allowed.join(' or '),
      )
    }
    checkLength((data as TypedInput).length, shape, ctx)
    return typedSource(data as TypedInput, tag, shape, declared)
  }
  if (tag !== undefined) {
    checkLength((data as TypedInput).length, shape, ctx)
    return typedSource(data as TypedInput, tag, shape)
  }
  if (Array.isArray(data)) {
    const flat = flattenNested(data, ctx)
    checkLength(flat.plain.values.length, shape, ctx)
    return plainSource(flat.plain, shape, ctx, infer)
  }
  throw invalid(ctx, `data must be a TypedArray or an array of numbers, got ${describe(data)}`, ACCEPTED)
}

function buildSource(input: unknown, ctx: Ctx, infer: boolean): Source {
  switch (typeof input) {
    case 'number':
    case 'boolean':
    case 'bigint':
      // Python stores a scalar sample as shape (1,).
      return plainSource(scalarPlain(input), [1], ctx, infer)
    case 'object': {
      if (input === null) break
      const tag = numericTag(input)
      if (tag !== undefined) return typedSource(input as TypedInput, tag, [(input as TypedInput).length])
      if (Array.isArray(input)) {
        const { shape, plain } = flattenNested(input, ctx)
        return plainSource(plain, shape, ctx, infer)
      }
      if (!ArrayBuffer.isView(input) && 'shape' in input && 'data' in input)
        return ndSource(input, ctx, infer)
      if (input instanceof ArrayBuffer) {
        throw invalid(
          ctx,
          `expected ${ACCEPTED}, got an ArrayBuffer`,
          ACCEPTED,
          'wrap it in a TypedArray view',
        )
      }
      break
    }
  }
  throw invalid(ctx, `expected ${ACCEPTED}, got ${describe(input)}`, ACCEPTED)
}

// ---------------------------------------------------------------------------------------------
// Converting

function convert(src: Source, target: NumericDtype, cast: boolean, ctx: Ctx): AnyTypedArray {
  if (src.typed && src.dtype === target && target !== 'bool') {
    // Already stored the way we store it: a view, no copy, no check.
    return typedView(target, bytesOf(src.values as TypedInput))
  }
  switch (src.kind) {
    case 'num':
      return fromNumbers(src.values, src.typed ? src.dtype : undefined, target, cast, ctx)
    case 'big':
      return fromBigints(src.values, src.typed, target, cast, ctx)
    case 'f16': {
      const bits = src.values
      const decoded = new Float64Array(bits.length)
      for (let i = 0; i < bits.length; i++) decoded[i] = float16BitsToNumber(bits[i]!)
      return fromNumbers(decoded, 'float16', target, cast, ctx)
    }
    case 'mixed': {
      const values = src.values
      if (INT_RANGE[target] === undefined || target === 'bool') {
        return fromNumbers(values.map(Number), undefined, target, cast, ctx)
      }
      // Integer targets: go through bigints so large values keep every digit.
      const bigs = new Array<bigint>(values.length)
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!
        if (typeof v === 'bigint') bigs[i] = v
        else if (Number.isInteger(v)) bigs[i] = BigInt(v)
        else if (cast) bigs[i] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n
        else throw numberToIntError(ctx, i, v, target)
      }
      return fromBigints(bigs, false, target, cast, ctx)
    }
  }
}

/**
 * Numbers to `target`. `typedDtype` is the element dtype when `values` is the caller's
 * TypedArray (so its value range is known and some checks can be skipped).
 */
function fromNumbers(
  values: ArrayLike<number>,
  typedDtype: NumericDtype | undefined,
  target: NumericDtype,
  cast: boolean,
  ctx: Ctx,
): AnyTypedArray {
  const n = values.length
  switch (target) {
    case 'float32':
    case 'float64': {
      // Any number is representable (float32 rounding is not an error): the native copy converts.
      const out = allocTyped(target, n)
      out.set(values)
      return out
    }
    case 'float16':
      return toFloat16(values, cast, ctx)
    case 'bool':
      return toBool(values, typedDtype === 'uint8' || typedDtype === 'bool', cast, ctx)
  }
  const range = INT_RANGE[target]!
  const sourceRange = typedDtype === undefined ? undefined : INT_RANGE[typedDtype]
  const widening = sourceRange !== undefined && sourceRange.lo >= range.lo && sourceRange.hiEx <= range.hiEx
  if (!cast && !widening) {
    const bad =
      sourceRange !== undefined
        ? firstOutside(values, range.lo, range.hiEx)
        : firstNonIntegerOrOutside(values, range.lo, range.hiEx)
    if (bad >= 0) throw numberToIntError(ctx, bad, values[bad]!, target)
  }
  if (target === 'int64' || target === 'uint64') return toInt64Words(values, target, cast)
  // TypedArray.set converts like ToInt8/ToUint8/…: truncation toward zero, wrap modulo 2^bits,
  // NaN and ±Infinity to 0 — exactly the documented cast behaviour, at native speed.
  const out = allocTyped(target, n)
  out.set(values)
  return out
}

/** Index of the first value outside [lo, hiEx) (or NaN), else -1. Values are known integers. */
function firstOutside(values: ArrayLike<number>, lo: number, hiEx: number): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (!(v >= lo && v < hiEx)) return i
  }
  return -1
}

/** Index of the first value that is not an integer in [lo, hiEx), else -1. */
function firstNonIntegerOrOutside(values: ArrayLike<number>, lo: number, hiEx: number): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (!(v >= lo && v < hiEx && Math.trunc(v) === v)) return i
  }
  return -1
}

/**
 * Writes numbers into a 64-bit integer array through its 32-bit words, so no BigInt is
 * allocated per element (the result equals `BigInt(value)`). Under `cast`, values are truncated
 * toward zero and NaN/±Infinity become 0; storing the high word into a Uint32Array reduces it
 * modulo 2^32, which wraps the whole value modulo 2^64.
 */
function toInt64Words(values: ArrayLike<number>, target: 'int64' | 'uint64', cast: boolean): AnyTypedArray {
  const n = values.length
  const out = allocTyped(target, n)
  const words = new Uint32Array(out.buffer, out.byteOffset, n * 2)
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    let v = values[i]!
    // v - v is 0 only for finite numbers.
    if (cast) v = v - v === 0 ? Math.trunc(v) : 0
    if ((v | 0) === v) {
      // Common case, int32 range: the high word is the sign extension.
      words[j + LOW_WORD] = v
      words[j + HIGH_WORD] = v >> 31
      continue
    }
    const high = Math.floor(v / TWO_POW_32)
    words[j + LOW_WORD] = v - high * TWO_POW_32
    words[j + HIGH_WORD] = high
  }
  return out
}

function toFloat16(values: ArrayLike<number>, cast: boolean, ctx: Ctx): Uint16Array {
  const n = values.length
  const out = allocTyped('float16', n)
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    const bits = float32ToFloat16Bits(v)
    // A finite input that rounded to ±Infinity overflowed.
    if ((bits & 0x7fff) === 0x7c00 && !cast && v - v === 0) throw float16Error(ctx, i, v)
    out[i] = bits
  }
  return out
}

function toBool(values: ArrayLike<number>, canView: boolean, cast: boolean, ctx: Ctx): Uint8Array {
  const n = values.length
  let bad = -1
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    if (v !== 0 && v !== 1) {
      bad = i
      break
    }
  }
  if (bad < 0) {
    if (canView) return typedView('bool', bytesOf(values as unknown as TypedInput))
    const out = allocTyped('bool', n)
    out.set(values)
    return out
  }
  if (!cast) throw boolError(ctx, bad, values[bad]!)
  // numpy's bool(): anything nonzero (NaN included) is true.
  const out = allocTyped('bool', n)
  for (let i = 0; i < n; i++) out[i] = values[i] !== 0 ? 1 : 0
  return out
}

function fromBigints(
  values: ArrayLike<bigint>,
  typed: boolean,
  target: NumericDtype,
  cast: boolean,
  ctx: Ctx,
): AnyTypedArray {
  const n = values.length
  switch (target) {
    case 'float32':
    case 'float64': {
      const out = allocTyped(target, n)
      for (let i = 0; i < n; i++) out[i] = Number(values[i]!)
      return out
    }
    case 'float16': {
      const out = allocTyped('float16', n)
      for (let i = 0; i < n; i++) {
        const v = Number(values[i]!)
        const bits = float32ToFloat16Bits(v)
        if ((bits & 0x7fff) === 0x7c00 && !cast) throw float16Error(ctx, i, v)
        out[i] = bits
      }
      return out
    }
    case 'bool': {
      const out = allocTyped('bool', n)
      for (let i = 0; i < n; i++) {
        const v = values[i]!
        if (v === 0n || v === 1n) out[i] = Number(v)
        else if (cast) out[i] = 1
        else throw boolError(ctx, i, v)
      }
      return out
    }
  }
  const range = INT_RANGE[target]!
  if (!cast) {
    for (let i = 0; i < n; i++) {
      const v = values[i]!
      if (v < range.loBig || v > range.hiBig) throw rangeError(ctx, i, v, target)
    }
  }
  if (target === 'int64' || target === 'uint64') {
    // BigInt64Array.set wraps modulo 2^64 (BigInt.asIntN / asUintN), the documented cast.
    const out = allocTyped(target, n)
    out.set(values)
    return out
  }
  // Narrow targets: the low 32-bit word of each 64-bit element is the value modulo 2^32, and
  // storing it wraps further to the target width — no BigInt→Number per element.
  let wide: BigInt64Array | BigUint64Array
  if (typed) wide = values as unknown as BigInt64Array
  else {
    wide = new BigInt64Array(n)
    wide.set(values)
  }
  const words =
    range.lo < 0
      ? new Int32Array(wide.buffer, wide.byteOffset, n * 2)
      : new Uint32Array(wide.buffer, wide.byteOffset, n * 2)
  const out = allocTyped(target, n)
  for (let i = 0, j = LOW_WORD; i < n; i++, j += 2) out[i] = words[j]!
  return out
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Converts a user-supplied numeric sample into an {@link NDArray} of the tensor's dtype, or
 * throws a `ShoalError` with code `INVALID_SAMPLE` (details `{ tensor, index, expected, hint }`)
 * before anything is written.
 *
 * Accepted inputs:
 * - an NDArray-like `{ dtype, shape, data }` whose `data` is the TypedArray of that dtype
 *   (float16 as Uint16Array bits, bool as Uint8Array) with `prod(shape)` elements;
 * - `{ shape, data }` where `data` is a TypedArray or a (nested) array of numbers;
 * - a TypedArray (shape `[length]`); a Node `Buffer` counts as a Uint8Array;
 * - a rectangular nested array of numbers, booleans or bigints (innermost rows may be
 *   TypedArrays); `[]` has shape `[0]`;
 * - a single number, boolean or bigint, stored with shape `[1]` as Python does.
 *
 * A TypedArray already of the target dtype comes back as a view of the same memory (no copy,
 * no per-element check); a Uint8Array for a bool tensor is viewed too, after checking that every
 * value is 0 or 1. Without `cast`, every value must be representable: integers within range for
 * integer dtypes, 0/1 for bool, and magnitudes that do not round past 65504 for float16 (NaN
 * and ±Infinity are fine for all float dtypes; float32 rounding is not an error).
 *
 * With `cast: true`, conversion follows numpy's `astype`: float → int truncates toward zero,
 * out-of-range integers wrap modulo 2^bits (two's complement), NaN and ±Infinity become 0
 * (numpy leaves those undefined), nonzero → true for bool, and float16 overflow gives ±Infinity.
 *
 * With `dtype: null` the dtype is inferred as by {@link inferDtype}.
 */
export function toNDArray(input: unknown, options: NormalizeOptions): NDArray {
  const { dtype, cast = false } = options
  if (dtype !== null && !isNumericDtype(dtype)) {
    throw new ShoalError('INVALID_ARGUMENT', `toNDArray: "${String(dtype)}" is not a numeric dtype`, {
      tensor: options.tensor,
      index: options.index,
      expected: 'a numeric dtype or null',
    })
  }
  const ctx: Ctx = { tensor: options.tensor, index: options.index, shape: [] }
  const src = buildSource(input, ctx, dtype === null)
  ctx.shape = src.shape
  // With dtype null, buildSource always infers one.
  const target = dtype ?? src.dtype!
  return { dtype: target, shape: src.shape, data: convert(src, target, cast, ctx) }
}

/**
 * The dtype {@link toNDArray} would give `input` when the tensor has none yet, or undefined when
 * `input` is not a valid numeric sample. Follows numpy on Python values:
 * - a TypedArray gives its own dtype (Uint8Array, Uint8ClampedArray and Buffer → uint8,
 *   BigInt64Array → int64, …); an NDArray-like gives its declared dtype;
 * - all booleans → bool;
 * - all integers (numbers and bigints, booleans counting as 0/1) → int64, or uint64 if some
 *   value exceeds the int64 maximum and none is negative; integral numbers beyond both ranges
 *   → float64. JS cannot tell `2.0` from `2`, so integral floats count as integers;
 * - any non-integer number, NaN or ±Infinity → float64; an empty array → float64 (numpy's default);
 * - nested arrays whose innermost rows are all TypedArrays of one class → that class's dtype.
 *
 * Nested arrays are walked to decide, so this costs one pass over their elements.
 */
export function inferDtype(input: unknown): NumericDtype | undefined {
  try {
    return buildSource(input, { tensor: '', index: 0, shape: [] }, true).dtype
  } catch {
    return undefined
  }
}

/**
 * True when `input` has the form of a numeric sample: a number, boolean or bigint, a numeric
 * TypedArray, an array whose first innermost element is one of those (or an empty array), or an
 * object with `shape` and `data`. A cheap structural test: contents are validated by
 * {@link toNDArray}.
 */
export function isArrayInput(input: unknown): boolean {
  let node: unknown = input
  while (Array.isArray(node)) {
    if (node.length === 0) return true
    node = node[0]
  }
  switch (typeof node) {
    case 'number':
    case 'boolean':
    case 'bigint':
      return true
    case 'object':
      if (node === null) return false
      if (numericTag(node) !== undefined) return true
      return node === input && !ArrayBuffer.isView(node) && 'shape' in node && 'data' in node
    default:
      return false
  }
}
