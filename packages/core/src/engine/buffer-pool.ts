/**
 * Reusable chunk buffers, shared by every tensor writer of the process: an ingest (or the next
 * dataset written by the same process) fills memory it has touched before instead of faulting
 * in fresh pages for every chunk, which on some VMs costs 10-60x a warm write. Bounded in count
 * and bytes, and emptied after 10 idle seconds so a finished ingest keeps nothing.
 */
export class BufferPool {
  private readonly free: Uint8Array[] = []
  private idleTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly maxBuffers = 4,
    private readonly maxBytes = 64 << 20,
    private readonly idleMs = 10_000,
  ) {}

  /** Bytes the pool holds now. */
  get heldBytes(): number {
    let bytes = 0
    for (const buffer of this.free) bytes += buffer.byteLength
    return bytes
  }

  /**
   * A buffer of at least `size` bytes (its contents are garbage): the smallest free one that fits,
   * unless even that one would pin much more memory than asked for.
   */
  take(size: number): Uint8Array {
    let best = -1
    for (let i = 0; i < this.free.length; i++) {
      const length = this.free[i]!.byteLength
      if (length >= size && (best < 0 || length < this.free[best]!.byteLength)) best = i
    }
    if (best >= 0 && this.free[best]!.byteLength <= size * 4 + (1 << 20)) return this.free.splice(best, 1)[0]!
    return new Uint8Array(size)
  }

  /**
   * Returns a buffer nobody reads any more (its chunk was written). When full, the pool keeps the
   * largest buffers: small ones a first chunk outgrew must not crowd out chunk-sized ones.
   */
  give(buffer: Uint8Array): void {
    if (buffer.byteLength === 0 || buffer.byteLength > this.maxBytes) return
    this.free.push(buffer)
    this.free.sort((a, b) => b.byteLength - a.byteLength)
    while (this.free.length > this.maxBuffers || this.heldBytes > this.maxBytes) this.free.pop()
    this.scheduleEmptying()
  }

  /** Drops every free buffer. */
  clear(): void {
    this.free.length = 0
  }

  private scheduleEmptying(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined
      this.clear()
    }, this.idleMs)
    this.idleTimer.unref?.() // never keeps the process alive
  }
}

/** The pool every tensor writer takes its chunk buffers from. */
export const sharedChunkBuffers = new BufferPool()
