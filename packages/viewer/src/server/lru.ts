/**
 * A small least-recently-used map bounded by a total weight (bytes), for rendered masks and
 * media files the browser asks for several times in a row (a mask's PNG and its legend, a
 * video's ranges).
 */
export class WeightedLru<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>()
  private total = 0

  constructor(
    private readonly budget: number,
    private readonly weigh: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: string, value: V): void {
    const weight = this.weigh(value)
    const old = this.entries.get(key)
    if (old) {
      this.total -= old.weight
      this.entries.delete(key)
    }
    if (weight > this.budget) return
    this.entries.set(key, { value, weight })
    this.total += weight
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget) break
      this.entries.delete(oldest)
      this.total -= entry.weight
    }
  }

  /** The cached value of `key`, or `make()`'s, cached; concurrent callers share one `make`. */
  async getOrMake(key: string, make: () => Promise<V>): Promise<V> {
    const hit = this.get(key)
    if (hit !== undefined) return hit
    let pending = this.pending.get(key)
    if (!pending) {
      pending = make().finally(() => this.pending.delete(key))
      this.pending.set(key, pending)
    }
    const value = await pending
    this.set(key, value)
    return value
  }

  private readonly pending = new Map<string, Promise<V>>()
}
