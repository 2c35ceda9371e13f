import { corrupt, invalidArgument } from './fail.js'

/**
 * The version prefix most binary files start with: one byte `Lv`, then `Lv` ASCII bytes of the
 * deeplake version that wrote the file.
 */
export interface VersionPrefix {
  readonly version: string
  /** Offset of the first byte after the prefix. */
  readonly offset: number
}

/** Reads the `Lv` + ASCII version prefix; CORRUPT_CHUNK when the file is shorter than it claims. */
export function readVersionPrefix(bytes: Uint8Array, key?: string): VersionPrefix {
  if (bytes.byteLength < 1) {
    throw corrupt('the file is empty; expected a version prefix', key, {
      expected: 'a length byte and a version',
    })
  }
  const length = bytes[0]!
  if (1 + length > bytes.byteLength) {
    throw corrupt(`the version prefix claims ${length} bytes but only ${bytes.byteLength - 1} follow`, key, {
      expected: `at least ${1 + length} bytes`,
    })
  }
  return { version: ascii(bytes, 1, 1 + length), offset: 1 + length }
}

/** The `Lv` + ASCII prefix for `version`. */
export function writeVersionPrefix(version: string): Uint8Array {
  const out = new Uint8Array(1 + version.length)
  writeVersionInto(out, version)
  return out
}

/** Writes the prefix at the start of `out` and returns the offset after it. */
export function writeVersionInto(out: Uint8Array, version: string): number {
  checkVersion(version)
  out[0] = version.length
  for (let i = 0; i < version.length; i++) out[1 + i] = version.charCodeAt(i)
  return 1 + version.length
}

/** Throws unless `version` fits the one-byte, ASCII-only prefix. */
export function checkVersion(version: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the check is exactly "ASCII only"
  if (version.length > 255 || !/^[\x00-\x7f]*$/.test(version)) {
    throw invalidArgument(`version "${version}" must be ASCII and at most 255 characters`)
  }
}

/**
 * Compares dotted version strings numerically, component by component, padding the shorter
 * with zeros (like deeplake's `version_compare`). Returns <0, 0 or >0. A component that is not
 * a number counts by its leading digits (0 if none), where Python would raise.
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.')
  const right = b.split('.')
  const n = Math.max(left.length, right.length)
  for (let i = 0; i < n; i++) {
    const x = component(left[i])
    const y = component(right[i])
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

function component(part: string | undefined): number {
  if (part === undefined) return 0
  const value = Number.parseInt(part, 10)
  return Number.isNaN(value) ? 0 : value
}

/** Decodes bytes [start, end) as ASCII (bytes above 0x7f map to Latin-1, never throwing). */
export function ascii(bytes: Uint8Array, start: number, end: number): string {
  let out = ''
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]!)
  return out
}
