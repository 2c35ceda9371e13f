import { pythonFloatRepr, pythonString } from '../format/python-json.js'

/** Deeper values take the general path (which also reports circular references). */
const MAX_DEPTH = 64

/**
 * The ingest fast path for JSON samples: `pythonJson(encodeCustomJson(value), {})` for values made
 * only of strings, numbers, booleans, null, arrays and plain objects (no `toJSON`), written in one
 * pass without the general writer's per-value bookkeeping. Returns undefined for anything else
 * (typed arrays, Maps, bigints, class instances, very deep values), which the caller then writes
 * through the general path; for the values it accepts, the text is the same.
 */
export function plainPythonJson(value: unknown): string | undefined {
  const native = nativeJson(value)
  return native === undefined ? write(value, 0) : pythonize(native)
}

/**
 * `JSON.stringify(value)` when that text differs from Python's only in separators and ASCII
 * escaping (see {@link pythonize} and {@link writePythonized}); undefined otherwise. The native
 * serializer is several times faster than any writer in JS.
 */
export function nativeJson(value: unknown): string | undefined {
  return isNativeSafe(value, 0) ? (JSON.stringify(value) ?? 'null') : undefined
}

/** Bytes {@link writePythonized} may need for `json`: an escape is 6 bytes per UTF-16 unit. */
export function pythonizedMaxBytes(json: string): number {
  return json.length * 6
}

/**
 * {@link pythonize} written straight into `into` from `start` as ASCII bytes (the result is pure
 * ASCII), with no intermediate string; returns the byte count. `into` must hold
 * {@link pythonizedMaxBytes} after `start`.
 */
export function writePythonized(json: string, into: Uint8Array, start = 0): number {
  let at = start
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const unit = json.charCodeAt(i)
    if (inString) {
      if (unit >= 0x7f) {
        into[at++] = 0x5c
        into[at++] = 0x75
        into[at++] = HEX_BYTES[unit >> 12]!
        into[at++] = HEX_BYTES[(unit >> 8) & 15]!
        into[at++] = HEX_BYTES[(unit >> 4) & 15]!
        into[at++] = HEX_BYTES[unit & 15]!
        continue
      }
      into[at++] = unit
      if (unit === 0x5c)
        into[at++] = json.charCodeAt(++i) // an escape: copy its next unit as is
      else if (unit === 0x22) inString = false
      continue
    }
    into[at++] = unit
    if (unit === 0x22) inString = true
    else if (unit === 0x2c || unit === 0x3a) into[at++] = 0x20
  }
  return at - start
}

const HEX_BYTES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0))

/** True when `JSON.stringify` differs from Python's text only in separators and ASCII escaping. */
function isNativeSafe(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true
    case 'number':
      return Number.isInteger(value)
        ? Math.abs(value) < 1e21
        : Math.abs(value) >= 1e-4 && Math.abs(value) < 1e16
    case 'object': {
      if (value === null) return true
      if (depth >= MAX_DEPTH) return false
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isNativeSafe(value[i], depth + 1)) return false
        return true
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) return false
      const record = value as Record<string, unknown>
      if (typeof record.toJSON === 'function') return false
      for (const key of Object.keys(record)) if (!isNativeSafe(record[key], depth + 1)) return false
      return true
    }
    default:
      return false
  }
}

const HEX = '0123456789abcdef'

/**
 * Turns compact `JSON.stringify` output into Python's `json.dumps` text: `", "` and `": "`
 * between items, and every character from U+007F up escaped as lowercase `\uXXXX` (astral
 * characters as their two surrogates). JSON.stringify already escapes the rest as Python does.
 */
function pythonize(text: string): string {
  let out = ''
  let from = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (inString) {
      if (unit === 0x5c)
        i++ // an escape: the next unit is part of it
      else if (unit === 0x22) inString = false
      else if (unit >= 0x7f) {
        out += `${text.slice(from, i)}\\u${HEX[unit >> 12]}${HEX[(unit >> 8) & 15]}${HEX[(unit >> 4) & 15]}${HEX[unit & 15]}`
        from = i + 1
      }
    } else if (unit === 0x22) inString = true
    else if (unit === 0x2c || unit === 0x3a) {
      out += `${text.slice(from, i + 1)} `
      from = i + 1
    }
  }
  return from === 0 ? text : out + text.slice(from)
}

function write(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return pythonString(value)
    case 'number':
      return number(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'undefined':
      return 'null'
    case 'object':
      if (value === null) return 'null'
      if (depth >= MAX_DEPTH) return undefined
      if (Array.isArray(value)) return writeArray(value, depth + 1)
      return writeObject(value as Record<string, unknown>, depth + 1)
    default:
      return undefined
  }
}

function writeArray(items: readonly unknown[], depth: number): string | undefined {
  if (items.length === 0) return '[]'
  let out = '['
  for (let i = 0; i < items.length; i++) {
    const item = write(items[i], depth)
    if (item === undefined) return undefined
    out += i === 0 ? item : `, ${item}`
  }
  return `${out}]`
}

function writeObject(value: Record<string, unknown>, depth: number): string | undefined {
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return undefined
  if (typeof value.toJSON === 'function') return undefined
  let out = '{'
  let first = true
  for (const key of Object.keys(value)) {
    const member = value[key]
    if (member === undefined) continue
    const text = write(member, depth)
    if (text === undefined) return undefined
    out += first ? `${pythonString(key)}: ${text}` : `, ${pythonString(key)}: ${text}`
    first = false
  }
  return `${out}}`
}

/** Python's json number text: integral numbers as ints, others as `repr(float)`. */
function number(value: number): string {
  if (Number.isInteger(value)) {
    return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString()
  }
  // In [1e-4, 1e16) JS and Python both print the shortest round-trip digits in fixed notation.
  const magnitude = Math.abs(value)
  if (magnitude >= 1e-4 && magnitude < 1e16) return String(value)
  return pythonFloatRepr(value)
}
