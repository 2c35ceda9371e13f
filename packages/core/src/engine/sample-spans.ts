/**
 * Where each sample of a chunk being built sits in its data, and its shape: a growable typed array
 * of end offsets and run-length shapes. A JS array entry per sample made a large text batch spend
 * more time growing arrays (and having the GC scan them) than copying its bytes.
 */
export class SampleSpans {
  /** ends[k] is where sample k's bytes end; ends[-1] is taken as 0. */
  private ends = new Float64Array(64)
  private count = 0
  /** Shape runs: samples up to (excluding) runEnds[r] have shape runShapes[r]. */
  private readonly runShapes: (readonly number[] | undefined)[] = []
  private readonly runEnds: number[] = []

  /** Number of samples. */
  get length(): number {
    return this.count
  }

  /** Bytes of data the samples cover. */
  get dataBytes(): number {
    return this.count === 0 ? 0 : this.ends[this.count - 1]!
  }

  /** Sample `k`'s byte range in the data. */
  start(k: number): number {
    return k === 0 ? 0 : this.ends[k - 1]!
  }

  end(k: number): number {
    return this.ends[k]!
  }

  /** Sample `k`'s stored shape (undefined: appended before the tensor's rank was known). */
  shape(k: number): readonly number[] | undefined {
    let low = 0
    let high = this.runEnds.length - 1
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.runEnds[mid]! > k) high = mid
      else low = mid + 1
    }
    return this.runShapes[low]
  }

  /** Adds one sample ending at `end`. */
  push(end: number, shape: readonly number[] | undefined): void {
    this.room(1)
    this.ends[this.count++] = end
    this.extendRun(shape, 1)
  }

  /** Adds samples whose ends are `base + ends[from..to)`, all of `shape`. */
  pushMany(ends: Uint32Array, from: number, to: number, base: number, shape: readonly number[]): void {
    this.room(to - from)
    for (let k = from; k < to; k++) this.ends[this.count++] = base + ends[k]!
    this.extendRun(shape, to - from)
  }

  /** Forgets every sample. */
  clear(): void {
    this.count = 0
    this.runShapes.length = 0
    this.runEnds.length = 0
  }

  private extendRun(shape: readonly number[] | undefined, added: number): void {
    const last = this.runShapes.length - 1
    if (last >= 0 && sameShape(this.runShapes[last], shape)) this.runEnds[last]! += added
    else {
      this.runShapes.push(shape)
      this.runEnds.push(this.count)
    }
  }

  private room(more: number): void {
    if (this.count + more <= this.ends.length) return
    const grown = new Float64Array(Math.max(this.count + more, this.ends.length * 2))
    grown.set(this.ends.subarray(0, this.count))
    this.ends = grown
  }
}

function sameShape(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
