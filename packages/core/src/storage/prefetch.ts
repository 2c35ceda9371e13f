import { chunkName, parseChunkIds } from '../format/chunk-id-encoder.js'
import {
  type ByteRange,
  type CallOptions,
  normalizeKey,
  readRange,
  type StorageProvider,
} from './contract.js'
import { sliceRange } from './range.js'

/** Options of {@link withChunkPrefetch}. */
export interface ChunkPrefetchOptions {
  /** Chunks requested ahead of the one being read (default 16). */
  readonly inFlight?: number
  /** Bytes of fetched but unread chunks kept at most; read-ahead pauses above it (default 512 MB). */
  readonly maxBytes?: number
}

/** A provider wrapped by {@link withChunkPrefetch}. */
export interface PrefetchingStorage extends StorageProvider {
  /** Chunk reads served from a prefetched copy, and whole-chunk fetches started. */
  readonly prefetchStats: { hits: number; fetches: number }
}

// `<tensor>/chunks/<name>`, or `versions/<commit>/<tensor>/chunks/<name>`.
const CHUNK_KEY = /^(.+)\/chunks\/([^/]+)$/

/**
 * Wraps a remote store for scans: each chunk is fetched whole with one request (header and data
 * ranges are then cut from it), and reading chunk i starts fetching chunks i+1 … i+inFlight in the
 * order of the tensor's chunk index, so a scan keeps `inFlight` requests busy instead of waiting
 * for one round trip per chunk. Other keys pass through. Meant for sequential reads: a random
 * read of one sample through it fetches its whole chunk and the ones after it.
 */
export function withChunkPrefetch(
  inner: StorageProvider,
  options: ChunkPrefetchOptions = {},
): PrefetchingStorage {
  const inFlight = options.inFlight ?? 16
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024
  const buffered = new Map<string, Promise<Uint8Array | undefined>>()
  const sizes = new Map<string, number>()
  const orders = new Map<string, Promise<Map<string, { index: number; names: string[] }> | undefined>>()
  const prefetchStats = { hits: 0, fetches: 0 }
  let used = 0

  const forget = (key: string) => {
    // A rewritten chunk index changes the chunk order of its tensor.
    const index = /^(.+)\/chunks_index\/unsharded$/.exec(key)
    if (index) orders.delete(index[1]!)
    buffered.delete(key)
    used -= sizes.get(key) ?? 0
    sizes.delete(key)
  }

  const fetchWhole = (key: string): Promise<Uint8Array | undefined> => {
    let pending = buffered.get(key)
    if (pending) return pending
    prefetchStats.fetches++
    // Shared by later callers, so the fetch itself takes no caller's signal.
    pending = inner.get(key)
    buffered.set(key, pending)
    pending.then(
      (bytes) => {
        if (buffered.get(key) !== pending) return
        sizes.set(key, bytes?.byteLength ?? 0)
        used += bytes?.byteLength ?? 0
      },
      () => buffered.delete(key),
    )
    return pending
  }

  // Chunk order of one tensor folder, from its chunk index; undefined when it has none.
  const orderOf = (base: string) => {
    let order = orders.get(base)
    if (!order) {
      order = inner
        .get(`${base}/chunks_index/unsharded`)
        .then((bytes) => {
          if (!bytes) return undefined
          const names = [...parseChunkIds(bytes).ids].map((id) => chunkName(id))
          return new Map(names.map((name, index) => [name, { index, names }]))
        })
        .catch(() => undefined)
      orders.set(base, order)
    }
    return order
  }

  const readAhead = async (base: string, name: string) => {
    const position = (await orderOf(base))?.get(name)
    if (!position) return
    const { index, names } = position
    for (let next = index + 1; next <= index + inFlight && next < names.length; next++) {
      if (used > maxBytes) return
      fetchWhole(`${base}/chunks/${names[next]}`).catch(() => {}) // surfaces when that chunk is read
    }
  }

  const chunkRead = async (key: string, range: ByteRange | undefined, call?: CallOptions) => {
    call?.signal?.throwIfAborted()
    const normalized = normalizeKey(key)
    const match = CHUNK_KEY.exec(normalized)
    if (!match) return range ? readRange(inner, normalized, range, call) : inner.get(normalized, call)
    void readAhead(match[1]!, match[2]!)
    if (buffered.has(normalized)) prefetchStats.hits++
    const whole = await fetchWhole(normalized)
    if (whole === undefined) {
      forget(normalized)
      return undefined
    }
    if (!range) {
      forget(normalized)
      return whole
    }
    const part = sliceRange(whole, range)
    // The reader keeps what it read; once the end of the chunk is read, drop our copy.
    if (part.byteOffset - whole.byteOffset + part.byteLength >= whole.byteLength) forget(normalized)
    return part
  }

  const { getSync: _getSync, getRangeSync: _getRangeSync, readIntoSync: _readIntoSync, ...rest } = inner
  return {
    ...rest,
    description: inner.description,
    prefetchStats,
    get: (key, call) => chunkRead(key, undefined, call),
    getRange: (key, range, call) => chunkRead(key, range, call),
    ...(inner.set && {
      set: async (key: string, bytes: Uint8Array, call?: CallOptions) => {
        forget(normalizeKey(key))
        return inner.set!(key, bytes, call)
      },
    }),
    ...(inner.delete && {
      delete: async (key: string, call?: CallOptions) => {
        forget(normalizeKey(key))
        return inner.delete!(key, call)
      },
    }),
  }
}
