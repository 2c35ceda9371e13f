import { invalidArgument } from './fail.js'

/** Layout options of {@link pythonJson}, named after Python's `json.dumps` arguments. */
export interface PythonJsonOptions {
  /** Spaces per level; when set (even 0), items go on their own lines. */
  readonly indent?: number
  /** Sort object keys by code point, like `sort_keys=True`. */
  readonly sortKeys?: boolean
}

/**
 * A number Python holds as a float, so it is written with a fractional part even when integral
 * (`1.0`, `1e+16`), where a plain JS number that is integral is written as an int.
 */
export class PythonFloat {
  constructor(readonly value: number) {}
}

/**
 * Serializes like Python's `json.dumps(value, indent=…, sort_keys=…)` with its defaults
 * (`ensure_ascii=True`, `allow_nan=True`): separators `", "`/`": "` without indent and
 * `","`/`": "` with it; non-ASCII escaped as lowercase `\uXXXX` (astral characters as surrogate
 * pairs); `NaN`, `Infinity`, `-Infinity` for non-finite numbers.
 *
 * Numbers: JS cannot tell `1.0` from `1`, so integral numbers are written as ints (`1`) and
 * others with Python's float repr (shortest round-trip digits, exponent form below 1e-4 and from
 * 1e16, as in `1e-05`); wrap a value in {@link PythonFloat} to force float form. bigints are
 * written as ints. Maps are objects in insertion order (plain objects put integer-like keys
 * first, as JS does); `undefined` object members are skipped and array holes written as `null`;
 * objects with `toJSON` are serialized through it. Typed arrays, functions, symbols, Sets and
 * circular references throw INVALID_ARGUMENT (use `encodeCustomJson` for arrays and bytes).
 */
export function pythonJson(value: unknown, options: PythonJsonOptions = {}): string {
  const indent = options.indent === undefined ? undefined : ' '.repeat(Math.max(0, options.indent))
  return new Writer(indent, options.sortKeys === true).write(value, '', '')
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (x === Number.POSITIVE_INFINITY) return 'Infinity'
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  // toExponential() without an argument gives the same shortest digits as Python's repr.
  const [mantissa, exponentText] = x.toExponential().split('e') as [string, string]
  const exponent = Number(exponentText)
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  let body: string
  if (exponent < -4 || exponent >= 16) {
    const lead = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`
    body = `${lead}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
  } else if (exponent < 0) {
    body = `0.${'0'.repeat(-exponent - 1)}${digits}`
  } else if (digits.length <= exponent + 1) {
    body = `${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`
  } else {
    body = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`
  }
  return negative ? `-${body}` : body
}

/** Orders strings by code point, as Python's `sorted` does (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

// Surrogates (astral characters) must sort after U+E000–U+FFFF.
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800
  if (unit >= 0xd800) return unit + 0x2000
  return unit
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/
const SHORT_ESCAPES: Record<number, string> = {
  34: '\\"',
  92: '\\\\',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  8: '\\b',
  12: '\\f',
}

/** A JSON string literal with Python's ASCII escaping. */
export function pythonString(text: string): string {
  if (PLAIN_ASCII.test(text)) return `"${text}"`
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0x20 && unit < 0x7f && unit !== 0x22 && unit !== 0x5c) out += text[i]
    else out += SHORT_ESCAPES[unit] ?? `\\u${unit.toString(16).padStart(4, '0')}`
  }
  return `${out}"`
}

function pythonNumber(value: number): string {
  if (!Number.isFinite(value) || !Number.isInteger(value)) return pythonFloatRepr(value)
  // Integral: an int, with all its digits (Python ints never use exponents).
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString()
}

class Writer {
  private readonly active = new Set<object>()

  constructor(
    private readonly indent: string | undefined,
    private readonly sortKeys: boolean,
  ) {}

  write(value: unknown, key: string, depth: string): string {
    switch (typeof value) {
      case 'string':
        return pythonString(value)
      case 'number':
        return pythonNumber(value)
      case 'bigint':
        return value.toString()
      case 'boolean':
        return value ? 'true' : 'false'
      case 'undefined':
        return 'null'
      case 'object':
        return value === null ? 'null' : this.writeObject(value, key, depth)
      default:
        throw invalidArgument(`a ${typeof value} cannot be written as JSON`)
    }
  }

  private writeObject(value: object, key: string, depth: string): string {
    if (value instanceof PythonFloat) return pythonFloatRepr(value.value)
    const toJSON = (value as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') return this.write(toJSON.call(value, key), key, depth)
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Set) {
      throw invalidArgument(
        `a ${value.constructor.name} cannot be written as JSON; convert it first (encodeCustomJson turns arrays and bytes into deeplake's tagged objects)`,
      )
    }
    if (this.active.has(value)) throw invalidArgument('circular reference in a value written as JSON')
    this.active.add(value)
    try {
      return Array.isArray(value) ? this.writeArray(value, depth) : this.writeDict(value, depth)
    } finally {
      this.active.delete(value)
    }
  }

  private writeArray(items: readonly unknown[], depth: string): string {
    if (items.length === 0) return '[]'
    const inner = this.indent === undefined ? depth : depth + this.indent
    const parts: string[] = new Array(items.length)
    for (let i = 0; i < items.length; i++) parts[i] = this.write(items[i], String(i), inner)
    return this.wrap('[', parts, ']', depth, inner)
  }

  private writeDict(value: object, depth: string): string {
    const entries: [string, unknown][] = []
    if (value instanceof Map) {
      for (const [k, v] of value) if (v !== undefined) entries.push([mapKey(k), v])
    } else {
      for (const k of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[k]
        if (v !== undefined) entries.push([k, v])
      }
    }
    if (entries.length === 0) return '{}'
    if (this.sortKeys) entries.sort((a, b) => compareCodePoints(a[0], b[0]))
    const inner = this.indent === undefined ? depth : depth + this.indent
    const parts = entries.map(([k, v]) => `${pythonString(k)}: ${this.write(v, k, inner)}`)
    return this.wrap('{', parts, '}', depth, inner)
  }

  private wrap(open: string, parts: string[], close: string, depth: string, inner: string): string {
    if (this.indent === undefined) return `${open}${parts.join(', ')}${close}`
    return `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${depth}${close}`
  }
}

/** Python turns int, float, bool and None keys into strings; we accept the JS equivalents. */
function mapKey(key: unknown): string {
  if (typeof key === 'string') return key
  if (typeof key === 'number') return pythonNumber(key)
  if (typeof key === 'bigint') return key.toString()
  if (typeof key === 'boolean') return key ? 'true' : 'false'
  if (key === null) return 'null'
  throw invalidArgument(`a ${typeof key} cannot be a JSON object key`)
}
