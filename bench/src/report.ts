/** JSON lines (to stdout and `--out`) and the closing table with Shoal's ratios. */
import { appendFileSync } from 'node:fs'
import type { ArmSummary } from './runner.js'

const MB = 1e6

/** One JSON line's fields: the keys first, then extras. */
export function toRecord(summary: ArmSummary, profile: string): Record<string, unknown> {
  const round = (value: number | null, digits = 3) => (value === null ? null : Number(value.toFixed(digits)))
  return {
    case: summary.caseId,
    system: summary.system,
    n: summary.n,
    bytes: summary.bytes,
    seconds: round(summary.seconds, 4),
    samples_per_s: round(summary.n / summary.seconds, 1),
    mb_per_s: round(summary.bytes / MB / summary.seconds, 1),
    p50_us: round(summary.p50Us, 1),
    p95_us: round(summary.p95Us, 1),
    peak_rss_mb: round(summary.peakRssBytes / MB, 1),
    profile,
    title: summary.title,
    latency_of: summary.latencyOf,
    seconds_all: summary.secondsAll.map((s) => round(s, 4)),
    ...summary.extra,
  }
}

/** Writes one JSON line per summary to stdout and, when given, appends them to `out`. */
export function emitRecords(summaries: readonly ArmSummary[], profile: string, out?: string): void {
  const lines = summaries.map((s) => `${JSON.stringify(toRecord(s, profile))}\n`).join('')
  process.stdout.write(lines)
  if (out) appendFileSync(out, lines)
}

/** Shoal's throughput over another system's for the same case (>1: Shoal is faster). */
function ratio(shoal: ArmSummary | undefined, other: ArmSummary | undefined): string {
  if (!shoal || !other) return '-'
  // Throughput, not seconds: an arm may process fewer samples (zarrita's capped get loop in B4.get).
  return `${(shoal.n / shoal.seconds / (other.n / other.seconds)).toFixed(2)}×`
}

/** (slowest − fastest) ÷ median over the repetitions: how much to trust the median. */
function spread(summary: ArmSummary): string {
  if (summary.secondsAll.length < 2) return '-'
  const range = Math.max(...summary.secondsAll) - Math.min(...summary.secondsAll)
  return `${Math.round((100 * range) / summary.seconds)}%`
}

const fmt = (value: number | null, digits = 1) => (value === null ? '-' : value.toFixed(digits))

/** Prints the summary table, one row per case and arm, with ratios on Shoal's rows. */
export function printTable(summaries: readonly ArmSummary[]): void {
  const header = ['case', 'system', 'n', 'MB', 'seconds', 'spread', 'samples/s', 'MB/s', 'p50 µs', 'p95 µs']
  header.push('RSS MB', 'shoal÷raw', 'shoal÷zarrita')
  const rows = summaries.map((s) => {
    const of = (system: string) => summaries.find((o) => o.caseId === s.caseId && o.system === system)
    const isShoal = s.system === 'shoal'
    return [
      s.caseId,
      s.system,
      String(s.n),
      fmt(s.bytes / MB),
      fmt(s.seconds, 3),
      spread(s),
      fmt(s.n / s.seconds, 0),
      fmt(s.bytes / MB / s.seconds),
      fmt(s.p50Us),
      fmt(s.p95Us),
      fmt(s.peakRssBytes / MB, 0),
      isShoal ? ratio(s, of('raw-node')) : '',
      isShoal ? ratio(s, of('zarrita')) : '',
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  console.log(`\n${line(header)}`)
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row))
  console.log(
    "ratios = Shoal samples/s ÷ the other system's, from median seconds (≥ 1: Shoal is at least as fast)",
  )
}

/** Prints the mem case: peak RSS over start at 1× and 2×, and whether it stayed flat. */
export function printMemory(summaries: readonly ArmSummary[]): void {
  if (summaries.length === 0) return
  console.log('\nmemory: peak RSS (VmHWM) over start RSS of a fresh child process, 1× → 2× size')
  for (const s of summaries) {
    const e = s.extra
    const verdict = e.flat ? 'flat' : 'GROWS'
    console.log(
      `  ${s.caseId.padEnd(7)} ${s.system.padEnd(8)}  +${e.peak_over_start_mb_1x} MB → +${e.peak_over_start_mb_2x} MB` +
        `  (×${e.growth}, peak ${fmt(s.peakRssBytes / MB, 0)} MB)  ${verdict}`,
    )
  }
}
