import { ShoalError } from '../errors.js'
import { checkRange, sliceRange } from './range.js'

/** Per-call options every storage method accepts. */
export interface CallOptions {
  /** Aborts the call; providers reject with the signal's reason. */
  readonly signal?: AbortSignal
}

/**
 * A byte range of one object: `offset` + `length`, or the last `suffix` bytes. Ranges past the end
 * are clamped like HTTP ranges: a read returns the bytes that exist (possibly none).
 */
export type ByteRange = { readonly offset: number; readonly length: number } | { readonly suffix: number }

/**
 * The store contract every backend implements: keys (with `/` separators, relative to the store
 * root) map to bytes. Only `get` is required; each optional member is a capability, and leaving it
 * out means the provider cannot do it (no `set` means read-only). Providers are plain objects of
 * closures that never use `this`, so wrappers can spread them.
 */
export interface StorageProvider {
  /** The contract major this provider follows. */
  readonly specVersion: 1
  /** A short description for messages, e.g. "local folder /data/ds" or "memory://x" (never credentials). */
  readonly description: string
  /** The bytes under `key`, or `undefined` when the key does not exist. Treat the result as read-only. */
  get(key: string, options?: CallOptions): Promise<Uint8Array | undefined>
  /** Part of the bytes under `key`, clamped to the object's size; `undefined` when missing. */
  getRange?(key: string, range: ByteRange, options?: CallOptions): Promise<Uint8Array | undefined>
  /** Optional fast path for small local reads: synchronous, missing -> undefined. */
  getSync?(key: string): Uint8Array | undefined
  /** Synchronous {@link StorageProvider.getRange}, for providers that can read without waiting. */
  getRangeSync?(key: string, range: ByteRange): Uint8Array | undefined
  /**
   * Synchronously reads up to `into.byteLength` bytes at `offset` of `key` into `into` (no new
   * buffer, so scans can reuse one); returns how many bytes were read (fewer at the end of the
   * object), or `undefined` when the key does not exist.
   */
  readIntoSync?(key: string, offset: number, into: Uint8Array): number | undefined
  /** Stores `bytes` under `key`, replacing any old value; readers see the old or the new value, whole. */
  set?(key: string, bytes: Uint8Array, options?: CallOptions): Promise<void>
  /** Removes `key`; a missing key is fine. */
  delete?(key: string, options?: CallOptions): Promise<void>
  /** Every key that starts with `prefix` (relative to the store root), paged lazily, never truncated. */
  list?(prefix: string, options?: CallOptions): AsyncIterable<string>
  /** Releases connections or handles; the provider is not used afterwards. */
  close?(): Promise<void>
}

/** Options {@link StorageScheme.open} receives from `openStorage`. */
export interface OpenStorageOptions {
  /** Open without write access: the provider has no `set` or `delete`. */
  readonly readOnly?: boolean
  /** Backend credentials (keys, tokens, a client). Providers must never log or echo them. */
  readonly creds?: Record<string, unknown>
}

/** A URL scheme (`s3`, `gs`, …) and how to open storage for its URLs. */
export interface StorageScheme {
  /** The scheme without ':' e.g. 's3'; lower case. */
  readonly name: string
  /** The npm package that registers it, quoted by duplicate-registration errors. */
  readonly providedBy?: string
  /** That package's version; the same package@version registering twice is a no-op. */
  readonly version?: string
  /** Opens storage rooted at `url`. */
  open(url: string, options: OpenStorageOptions): StorageProvider | Promise<StorageProvider>
}

/**
 * The canonical form of a storage key: leading '/' stripped, repeated '/' and '.' segments
 * collapsed. Empty keys and '..' segments are rejected with INVALID_ARGUMENT, so no key can point
 * outside its store.
 */
export function normalizeKey(key: string): string {
  const normalized = normalizeSegments(key, 'key')
  if (normalized === '') {
    throw new ShoalError('INVALID_ARGUMENT', `storage key ${JSON.stringify(key)} is empty`, { key })
  }
  return normalized
}

/**
 * The canonical form of a `list` prefix: like {@link normalizeKey}, but the empty prefix (the
 * whole store) is allowed and a trailing '/' is kept, because "a/" and "a" select different keys.
 */
export function normalizePrefix(prefix: string): string {
  const normalized = normalizeSegments(prefix, 'prefix')
  return normalized !== '' && prefix.endsWith('/') ? `${normalized}/` : normalized
}

function normalizeSegments(value: string, what: 'key' | 'prefix'): string {
  if (typeof value !== 'string') {
    throw new ShoalError('INVALID_ARGUMENT', `storage ${what} must be a string, got ${typeof value}`)
  }
  // Most keys are already canonical; skip the split for them.
  if (value !== '' && !CANONICAL_NEEDS_WORK.test(value)) return value
  if (value.includes('\0')) {
    throw new ShoalError('INVALID_ARGUMENT', `storage ${what} ${JSON.stringify(value)} contains a NUL byte`)
  }
  const parts = value.split('/').filter((part) => part !== '' && part !== '.')
  if (parts.includes('..')) {
    throw new ShoalError(
      'INVALID_ARGUMENT',
      `storage ${what} ${JSON.stringify(value)} contains a ".." segment; keys cannot leave their store`,
      what === 'key' ? { key: value } : {},
    )
  }
  return parts.join('/')
}

// Anything that normalisation could change: a leading or doubled or trailing '/', a '.' or '..' segment, NUL.
const CANONICAL_NEEDS_WORK = /^\/|\/\/|\/$|(^|\/)\.\.?(\/|$)|\0/

/**
 * Reads `range` of `key` through `provider.getRange`, or, for providers without it, through
 * `get` + `subarray`. Validates the range first (INVALID_ARGUMENT).
 */
export async function readRange(
  provider: StorageProvider,
  key: string,
  range: ByteRange,
  options?: CallOptions,
): Promise<Uint8Array | undefined> {
  checkRange(range)
  if (provider.getRange) return provider.getRange(key, range, options)
  const bytes = await provider.get(key, options)
  return bytes === undefined ? undefined : sliceRange(bytes, range)
}

/** True when `provider` can write (it has `set`). */
export function isWritable(provider: StorageProvider): boolean {
  return typeof provider.set === 'function'
}
