/** Exact top-k by score, for B8's dot-product search. */

/** Keeps the `k` highest scores seen, with their row indices. */
export class TopK {
  private readonly scores: Float64Array
  private readonly rows: Int32Array
  private size = 0
  /** The lowest kept score once full: rows scoring at or below it are skipped cheaply. */
  private floor = Number.NEGATIVE_INFINITY

  constructor(readonly k: number) {
    this.scores = new Float64Array(k)
    this.rows = new Int32Array(k)
  }

  /** Offers row `row` with `score`. Insertion into a sorted array: k is small (10). */
  offer(row: number, score: number): void {
    if (this.size === this.k && score <= this.floor) return
    let at = this.size < this.k ? this.size++ : this.k - 1
    while (at > 0 && this.scores[at - 1]! < score) {
      this.scores[at] = this.scores[at - 1]!
      this.rows[at] = this.rows[at - 1]!
      at--
    }
    this.scores[at] = score
    this.rows[at] = row
    if (this.size === this.k) this.floor = this.scores[this.k - 1]!
  }

  /** Kept rows, best first. */
  result(): number[] {
    return Array.from(this.rows.subarray(0, this.size))
  }
}

/** Dot product of `dim` floats of `a` from `offset` with `query`. */
export function dot(a: Float32Array, offset: number, query: Float32Array): number {
  let sum = 0
  for (let i = 0; i < query.length; i++) sum += a[offset + i]! * query[i]!
  return sum
}
