import type { ByteRange, CallOptions, StorageProvider } from './contract.js'
import { normalizeKey, normalizePrefix } from './contract.js'
import { checkRange, sliceRange } from './range.js'

/** Options of {@link createMemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * Names the store: every memory storage with this name in the process shares its data, so a
   * dataset written to `memory://x` can be reopened. Without a name the store is private.
   */
  readonly name?: string
}

// Named stores live on globalThis under a Symbol.for key, so a second copy of core sees them too.
const STORES = Symbol.for('@shoal/core/memory-storage@1')

function namedStores(): Map<string, Map<string, Uint8Array>> {
  const host = globalThis as typeof globalThis & { [STORES]?: Map<string, Map<string, Uint8Array>> }
  host[STORES] ??= new Map()
  return host[STORES]
}

/**
 * A storage provider that keeps objects in memory. `set` copies the bytes (the caller may reuse its
 * buffer); `get` returns the stored bytes as they are, without a copy, so treat them as read-only.
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): StorageProvider {
  const { name } = options
  let data: Map<string, Uint8Array>
  if (name === undefined) {
    data = new Map()
  } else {
    const stores = namedStores()
    data = stores.get(name) ?? new Map()
    stores.set(name, data)
  }

  const getSync = (key: string): Uint8Array | undefined => data.get(normalizeKey(key))
  const getRangeSync = (key: string, range: ByteRange): Uint8Array | undefined => {
    checkRange(range)
    const bytes = getSync(key)
    return bytes === undefined ? undefined : sliceRange(bytes, range)
  }

  return {
    specVersion: 1,
    description: name === undefined ? 'memory (unnamed)' : `memory://${name}`,
    getSync,
    getRangeSync,
    async get(key: string, callOptions?: CallOptions) {
      callOptions?.signal?.throwIfAborted()
      return getSync(key)
    },
    async getRange(key: string, range: ByteRange, callOptions?: CallOptions) {
      callOptions?.signal?.throwIfAborted()
      return getRangeSync(key, range)
    },
    async set(key: string, bytes: Uint8Array, callOptions?: CallOptions) {
      const normalized = normalizeKey(key)
      callOptions?.signal?.throwIfAborted()
      data.set(normalized, bytes.slice())
    },
    async delete(key: string, callOptions?: CallOptions) {
      const normalized = normalizeKey(key)
      callOptions?.signal?.throwIfAborted()
      data.delete(normalized)
    },
    async *list(prefix: string, callOptions?: CallOptions) {
      const normalized = normalizePrefix(prefix)
      callOptions?.signal?.throwIfAborted()
      // A sorted snapshot: keys written while the caller iterates are not seen, as with a paged listing.
      const keys = [...data.keys()].filter((key) => key.startsWith(normalized)).sort()
      yield* keys
    },
  }
}

/**
 * Forgets the named memory store `name` (as used by `memory://name`), freeing its data. Returns
 * whether it existed. Providers already open on it keep their data.
 */
export function dropMemoryStorage(name: string): boolean {
  return namedStores().delete(name)
}
