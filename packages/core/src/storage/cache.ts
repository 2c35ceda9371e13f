import { ShoalError } from '../errors.js'
import { raceAbort } from './abort.js'
import type { ByteRange, CallOptions, StorageProvider } from './contract.js'
import { normalizeKey } from './contract.js'
import { createByteLru } from './lru.js'
import { checkRange, sliceRange } from './range.js'

/** Options of {@link withLruCache}. */
export interface LruCacheOptions {
  /** The budget: total bytes of cached objects. Objects larger than this are never cached. */
  readonly maxBytes: number
}

/** Counters of a cached provider; `bytes` is what the cache holds now. */
export interface CacheStats {
  hits: number
  misses: number
  bytes: number
}

/** A provider wrapped by {@link withLruCache}, with its counters. */
export type CachedStorageProvider = StorageProvider & { readonly stats: CacheStats }

/**
 * Wraps `inner` with a byte-budgeted LRU over whole objects read by `get` and `getSync`. `set`
 * writes through and caches the new bytes; `delete` invalidates; `getRange` is served from a cached
 * object when there is one and passed through otherwise. Concurrent `get`s of one uncached key
 * share a single inner call. Missing keys are not cached, so a key another writer creates shows up.
 * Cached bytes are handed to every reader: treat them as read-only.
 */
export function withLruCache(inner: StorageProvider, options: LruCacheOptions): CachedStorageProvider {
  const { maxBytes } = options
  if (!(typeof maxBytes === 'number' && maxBytes >= 0 && !Number.isNaN(maxBytes))) {
    throw new ShoalError('INVALID_ARGUMENT', `withLruCache needs maxBytes >= 0, got ${String(maxBytes)}`)
  }
  const lru = createByteLru(maxBytes)
  const stats: CacheStats = { hits: 0, misses: 0, bytes: 0 }
  const pending = new Map<string, Promise<Uint8Array | undefined>>()

  const remember = (key: string, bytes: Uint8Array): void => {
    lru.put(key, bytes)
    stats.bytes = lru.size()
  }
  const forget = (key: string): void => {
    lru.delete(key)
    pending.delete(key) // an in-flight read may predate the change; it must not fill the cache
    stats.bytes = lru.size()
  }
  const hit = (key: string): Uint8Array | undefined => {
    const bytes = lru.get(key)
    if (bytes !== undefined) stats.hits++
    return bytes
  }

  const load = (key: string): Promise<Uint8Array | undefined> => {
    let promise = pending.get(key)
    if (promise) return promise
    stats.misses++
    // No caller's signal here: the call is shared, and one caller giving up must not fail the rest.
    promise = inner.get(key).then(
      (bytes) => {
        if (pending.get(key) === promise) {
          pending.delete(key)
          if (bytes !== undefined) remember(key, bytes)
        }
        return bytes
      },
      (error: unknown) => {
        if (pending.get(key) === promise) pending.delete(key)
        throw error
      },
    )
    pending.set(key, promise)
    return promise
  }

  const cached: CachedStorageProvider = {
    ...inner,
    stats,
    async get(key: string, callOptions?: CallOptions) {
      const normalized = normalizeKey(key)
      callOptions?.signal?.throwIfAborted()
      return hit(normalized) ?? raceAbort(load(normalized), callOptions?.signal)
    },
    async close() {
      lru.clear()
      pending.clear()
      stats.bytes = 0
      await inner.close?.()
    },
  }

  // Each capability is wrapped only if `inner` has it, so the wrapper claims no more than the provider can do.
  if (inner.getSync) {
    cached.getSync = (key: string) => {
      const normalized = normalizeKey(key)
      const found = hit(normalized)
      if (found !== undefined) return found
      stats.misses++
      const bytes = inner.getSync!(normalized)
      if (bytes !== undefined) remember(normalized, bytes)
      return bytes
    }
  }
  if (inner.getRange) {
    cached.getRange = async (key: string, range: ByteRange, callOptions?: CallOptions) => {
      checkRange(range)
      const normalized = normalizeKey(key)
      const found = hit(normalized)
      return found !== undefined ? sliceRange(found, range) : inner.getRange!(normalized, range, callOptions)
    }
  }
  if (inner.getRangeSync) {
    cached.getRangeSync = (key: string, range: ByteRange) => {
      checkRange(range)
      const normalized = normalizeKey(key)
      const found = hit(normalized)
      return found !== undefined ? sliceRange(found, range) : inner.getRangeSync!(normalized, range)
    }
  }
  if (inner.set) {
    cached.set = async (key: string, bytes: Uint8Array, callOptions?: CallOptions) => {
      const normalized = normalizeKey(key)
      forget(normalized)
      await inner.set!(normalized, bytes, callOptions)
      forget(normalized) // a read that started during the write may hold the old bytes
      // Copy: the caller may reuse its buffer, and the cache hands these bytes to every reader.
      if (bytes.byteLength <= maxBytes) remember(normalized, bytes.slice())
    }
  }
  if (inner.delete) {
    cached.delete = async (key: string, callOptions?: CallOptions) => {
      const normalized = normalizeKey(key)
      forget(normalized)
      await inner.delete!(normalized, callOptions)
      forget(normalized)
    }
  }
  return cached
}
