/**
 * Timing and memory probes used inside the measured loops.
 *
 * Time: `process.hrtime.bigint()` (monotonic, ns). Per-op latencies are kept in µs.
 * Memory: peak RSS is sampled by polling `process.memoryUsage.rss()` from inside the loops — every
 * {@link RssProbe.every} ops via `tick()`, on every batch via `sample()`, and at the start and end
 * of each arm. Polling is needed because most loops are synchronous or await only fs promises, so a
 * timer would seldom fire; the peak between two samples can be missed, which under-reports short
 * spikes. The `mem` case measures the true peak instead (`resourceUsage().maxRSS` of a child).
 */

/** Monotonic clock in nanoseconds. */
export const now = (): bigint => process.hrtime.bigint()

/** Seconds elapsed since `start` (a {@link now} value). */
export function secondsSince(start: bigint): number {
  return Number(now() - start) / 1e9
}

/** Records per-op latencies in µs: call `start()` before an op and `stop()` after it. */
export class Latencies {
  readonly values: number[] = []
  private began = 0n

  start(): void {
    this.began = now()
  }

  stop(): void {
    this.values.push(Number(now() - this.began) / 1e3)
  }
}

/** Peak-RSS sampler; see the module comment for the method. */
export class RssProbe {
  private peak = 0
  private ops = 0

  /** `every`: how many `tick()` calls between two samples (reading RSS costs a few µs). */
  constructor(readonly every = 16) {
    this.sample()
  }

  /** Counts one op; samples RSS every `every` ops. */
  tick(): void {
    if (++this.ops % this.every === 0) this.sample()
  }

  /** Samples RSS now. */
  sample(): void {
    const rss = process.memoryUsage.rss()
    if (rss > this.peak) this.peak = rss
  }

  /** The highest RSS seen, in bytes. */
  get peakBytes(): number {
    return this.peak
  }
}

/** The `p`-th percentile (0–100) of `values` by nearest rank; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

/** The median of `values` (mean of the middle two for even counts); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

let gcFunction: (() => void) | undefined

/**
 * Runs a full garbage collection between arms so one arm's garbage is not charged to the next
 * arm's peak RSS. `--expose-gc` is turned on at run time because the bench script has no flags.
 */
export async function collectGarbage(): Promise<void> {
  if (!gcFunction) {
    const { setFlagsFromString } = await import('node:v8')
    const { runInNewContext } = await import('node:vm')
    setFlagsFromString('--expose-gc')
    gcFunction = runInNewContext('gc') as () => void
  }
  gcFunction()
}
