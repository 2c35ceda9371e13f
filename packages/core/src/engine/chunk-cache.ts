/**
 * A byte-budgeted LRU of decoded chunks, shared by every tensor of a dataset, so a scan keeps
 * memory bounded while random reads of hot chunks stay in memory. Map order is recency order.
 * Plugins use it for anything they make once and serve many times (the viewer's painted masks).
 */
export class ChunkCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>()
  private readonly pending = new Map<string, Promise<V>>()
  private used = 0
  private newest: string | undefined

  constructor(private readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    // A scan hits the same chunk thousands of times in a row: refresh recency only on a change.
    if (key !== this.newest) {
      this.entries.delete(key)
      this.entries.set(key, entry)
      this.newest = key
    }
    return entry.value
  }

  /** The cached value, or the one `load` produces; concurrent loads of one key share a promise. */
  getOrLoad(key: string, load: () => Promise<{ value: V; bytes: number }>): V | Promise<V> {
    const hit = this.get(key)
    if (hit !== undefined) return hit
    let promise = this.pending.get(key)
    if (!promise) {
      promise = load()
        .then(({ value, bytes }) => {
          this.put(key, value, bytes)
          return value
        })
        .finally(() => this.pending.delete(key))
      this.pending.set(key, promise)
    }
    return promise
  }

  put(key: string, value: V, bytes: number): void {
    const old = this.entries.get(key)
    if (old) {
      this.used -= old.bytes
      this.entries.delete(key)
    }
    if (bytes > this.maxBytes) return
    this.entries.set(key, { value, bytes })
    this.newest = key
    this.used += bytes
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.maxBytes) break
      this.entries.delete(oldest)
      this.used -= entry.bytes
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key)
    if (old) {
      this.used -= old.bytes
      this.entries.delete(key)
    }
  }

  clear(): void {
    this.entries.clear()
    this.used = 0
  }

  get bytes(): number {
    return this.used
  }
}
