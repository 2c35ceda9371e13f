import { invalidMetadata } from './fail.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })
const encoder = new TextEncoder()

/**
 * Parses a JSON metadata file that must hold an object. Python may write `NaN`/`Infinity`
 * tokens, which JSON.parse rejects; those are revived as numbers on a second attempt.
 * INVALID_METADATA naming `key` when the bytes are not UTF-8, not JSON or not an object.
 */
export function parseJsonObject(bytes: Uint8Array, key?: string): Record<string, unknown> {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch (cause) {
    throw invalidMetadata('is not valid UTF-8', key, { cause, expected: 'UTF-8 JSON text' })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    value = parseWithNonFinite(text)
    if (value === undefined) {
      throw invalidMetadata(`is not valid JSON: ${(cause as Error).message}`, key, {
        cause,
        expected: 'a JSON object',
      })
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidMetadata(`must hold a JSON object, not ${describe(value)}`, key, {
      expected: 'a JSON object',
    })
  }
  return value as Record<string, unknown>
}

const SENTINELS: Record<string, number> = {
  '\u0000NaN': Number.NaN,
  '\u0000Infinity': Number.POSITIVE_INFINITY,
  '\u0000-Infinity': Number.NEGATIVE_INFINITY,
}

/** Parses text holding Python's bare NaN/Infinity tokens; undefined when it still is not JSON. */
export function parseWithNonFinite(text: string): unknown {
  if (!/NaN|Infinity/.test(text)) return undefined
  try {
    return JSON.parse(quoteNonFinite(text), (_k, v) =>
      typeof v === 'string' && v in SENTINELS ? SENTINELS[v] : v,
    )
  } catch {
    return undefined
  }
}

/** Replaces bare NaN/Infinity/-Infinity outside string literals with quoted sentinels. */
function quoteNonFinite(text: string): string {
  let out = ''
  let from = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') {
      inString = true
      continue
    }
    for (const token of ['NaN', 'Infinity', '-Infinity']) {
      if (text.startsWith(token, i)) {
        // A NUL-prefixed string no real metadata holds; the reviver turns it back into the number.
        out += `${text.slice(from, i)}"\\u0000${token}"`
        i += token.length - 1
        from = i + 1
        break
      }
    }
  }
  return out + text.slice(from)
}

/** UTF-8 bytes of serialized JSON text. */
export function jsonBytes(text: string): Uint8Array {
  return encoder.encode(text)
}

/** A short description of a JSON value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  return `${typeof value} ${String(value)}`
}

/** Typed field readers that throw INVALID_METADATA naming the file and the field. */
export class FieldReader {
  constructor(
    readonly object: Record<string, unknown>,
    readonly key?: string,
  ) {}

  has(field: string): boolean {
    return Object.hasOwn(this.object, field)
  }

  private bad(field: string, expected: string): never {
    throw invalidMetadata(
      `field "${field}" must be ${expected}, not ${describe(this.object[field])}`,
      this.key,
      {
        expected: `"${field}": ${expected}`,
      },
    )
  }

  /** A string, or `fallback` when the field is missing. */
  string(field: string, fallback?: string): string {
    const v = this.object[field]
    if (typeof v === 'string') return v
    if (v === undefined && fallback !== undefined) return fallback
    return this.bad(field, 'a string')
  }

  /** A string or null; missing → `fallback` (null by default). */
  stringOrNull(field: string, fallback: string | null = null): string | null {
    const v = this.object[field]
    if (v === undefined) return fallback
    if (v === null || typeof v === 'string') return v
    return this.bad(field, 'a string or null')
  }

  /** A boolean; missing → `fallback`. */
  bool(field: string, fallback: boolean): boolean {
    const v = this.object[field]
    if (v === undefined) return fallback
    if (typeof v === 'boolean') return v
    return this.bad(field, 'true or false')
  }

  /** A non-negative integer; missing → `fallback` (required when no fallback). */
  count(field: string, fallback?: number): number {
    const v = this.object[field]
    if (v === undefined && fallback !== undefined) return fallback
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v
    return this.bad(field, 'a non-negative integer')
  }

  /** An integer or null; missing → null. */
  intOrNull(field: string): number | null {
    const v = this.object[field]
    if (v === undefined || v === null) return null
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v
    return this.bad(field, 'an integer or null')
  }

  /** A number or null; missing → null. */
  numberOrNull(field: string): number | null {
    const v = this.object[field]
    if (v === undefined || v === null) return null
    if (typeof v === 'number') return v
    return this.bad(field, 'a number or null')
  }

  /** A list of non-negative integers; missing → `fallback`. */
  shape(field: string, fallback?: number[]): number[] {
    const v = this.object[field]
    if (v === undefined && fallback !== undefined) return fallback
    if (Array.isArray(v) && v.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0))
      return [...v]
    return this.bad(field, 'a list of non-negative integers')
  }

  /** A list of strings; missing → `fallback`. */
  strings(field: string, fallback?: string[]): string[] {
    const v = this.object[field]
    if (v === undefined && fallback !== undefined) return fallback
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return [...v]
    return this.bad(field, 'a list of strings')
  }

  /** An object; missing or null → `fallback`. */
  record(field: string, fallback?: Record<string, unknown>): Record<string, unknown> {
    const v = this.object[field]
    if ((v === undefined || v === null) && fallback !== undefined) return fallback
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>
    return this.bad(field, 'an object')
  }

  /** Every field not in `known`, as stored. */
  rest(known: ReadonlySet<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(this.object)) {
      if (known.has(k)) continue
      if (k === '__proto__') {
        Object.defineProperty(out, k, {
          value: this.object[k],
          enumerable: true,
          writable: true,
          configurable: true,
        })
      } else out[k] = this.object[k]
    }
    return out
  }
}
