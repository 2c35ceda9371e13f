import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { isShoalError, type ShoalErrorCode } from '../../src/errors.js'

const here = dirname(fileURLToPath(import.meta.url))

/** The Python-written fixtures (read-only). */
export const FIXTURES = join(here, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'deeplake-3.9.52')

/** Bytes of a fixture file, by path relative to {@link FIXTURES}. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, path)))
}

/** Parsed JSON of a fixture file. */
export function fixtureJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T
}

/** Paths (relative to {@link FIXTURES}) of every fixture file whose base name is `name`. */
export function fixturesNamed(name: string): string[] {
  return walkFixtures((entry, isDir) => !isDir && entry === name)
}

/** Paths (relative to {@link FIXTURES}) of every fixture directory whose base name is `name`. */
export function fixtureDirsNamed(name: string): string[] {
  return walkFixtures((entry, isDir) => isDir && entry === name)
}

function walkFixtures(match: (entry: string, isDir: boolean) => boolean): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry)
      const isDir = statSync(full).isDirectory()
      if (match(entry, isDir)) out.push(relative(FIXTURES, full))
      if (isDir) walk(full)
    }
  }
  walk(FIXTURES)
  return out.sort()
}

/** The single file in a fixture directory (e.g. a tensor's only chunk). */
export function onlyFile(dir: string): string {
  const entries = readdirSync(join(FIXTURES, dir))
  expect(entries).toHaveLength(1)
  return join(dir, entries[0]!)
}

/** Every file in a fixture directory. */
export function filesIn(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir)).map((entry) => join(dir, entry))
}

/** Bytes from a hex dump ("06 33 2e …", whitespace ignored). */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '')
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** Lowercase hex of bytes, no separators. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Asserts `fn` throws a ShoalError with `code` whose message names `key` (when given). */
export function expectShoalError(fn: () => unknown, code: ShoalErrorCode, key?: string): void {
  let thrown: unknown
  try {
    fn()
  } catch (error) {
    thrown = error
  }
  expect(thrown, 'expected a ShoalError to be thrown').toBeDefined()
  expect(isShoalError(thrown, code), `expected ${code}, got ${String(thrown)}`).toBe(true)
  if (key !== undefined && isShoalError(thrown)) {
    expect(thrown.key).toBe(key)
    expect(thrown.message).toContain(key)
  }
}

/** A copy of `bytes` starting at an odd byte offset, to exercise misaligned parsing. */
export function misaligned(bytes: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(bytes.byteLength + 1)
  buffer.set(bytes, 1)
  return buffer.subarray(1)
}
