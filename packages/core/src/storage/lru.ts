/** A byte-budgeted least-recently-used map; see {@link createByteLru}. */
export interface ByteLru {
  /** The value under `key`, marking it most recently used. */
  get(key: string): Uint8Array | undefined
  /** Stores `value`, evicting the least recently used entries to fit; values over budget are not kept. */
  put(key: string, value: Uint8Array): void
  /** Drops `key`, if held. */
  delete(key: string): void
  /** Drops everything. */
  clear(): void
  /** Bytes currently held. */
  readonly size: () => number
}

/**
 * An LRU of byte arrays bounded by their total `byteLength`. A Map iterates in insertion order, so
 * re-inserting on each hit keeps the least recently used entry first.
 */
export function createByteLru(maxBytes: number): ByteLru {
  const entries = new Map<string, Uint8Array>()
  let used = 0

  const remove = (key: string): void => {
    const old = entries.get(key)
    if (old === undefined) return
    entries.delete(key)
    used -= old.byteLength
  }

  return {
    get(key) {
      const value = entries.get(key)
      if (value === undefined) return undefined
      entries.delete(key)
      entries.set(key, value)
      return value
    },
    put(key, value) {
      remove(key)
      if (value.byteLength > maxBytes) return
      entries.set(key, value)
      used += value.byteLength
      for (const oldest of entries.keys()) {
        if (used <= maxBytes) break
        remove(oldest)
      }
    },
    delete: remove,
    clear() {
      entries.clear()
      used = 0
    },
    size: () => used,
  }
}
