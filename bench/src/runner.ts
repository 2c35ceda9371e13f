/** Runs one case: setup, then every arm `repetitions` times in rotating order, then medians. */
import { rmSync } from 'node:fs'
import { type ArmResult, type BenchCase, SYSTEMS, type System } from './case.js'
import { collectGarbage, median, percentile, RssProbe } from './measure.js'
import type { Profile } from './profiles.js'
import { settleWrites } from './settle.js'
import type { Workspace } from './workspace.js'

/** The medians of one arm over its repetitions, ready to report. */
export interface ArmSummary {
  readonly caseId: string
  readonly title: string
  readonly system: System
  readonly n: number
  readonly bytes: number
  /** Median seconds over the repetitions. */
  readonly seconds: number
  readonly secondsAll: readonly number[]
  readonly p50Us: number | null
  readonly p95Us: number | null
  readonly latencyOf: string | null
  /** Highest peak RSS over the repetitions, in bytes. */
  readonly peakRssBytes: number
  readonly extra: Readonly<Record<string, number | string | boolean>>
}

/** What running a case produced: summaries, or the reason it was skipped. */
export type CaseOutcome = { readonly summaries: ArmSummary[] } | { readonly skipped: string }

/** Arms in the order of repetition `rep`: the list rotated left by `rep` (shoal, raw, zarrita; raw, zarrita, shoal; …). */
export function armOrder(systems: readonly System[], rep: number): System[] {
  const shift = rep % Math.max(1, systems.length)
  return [...systems.slice(shift), ...systems.slice(0, shift)]
}

/** Runs `benchCase` under `profile`; progress goes to stderr. */
export async function runCase(
  benchCase: BenchCase,
  profile: Profile,
  workspace: Workspace,
): Promise<CaseOutcome> {
  const setup = await benchCase.setup?.({ profile, workspace })
  if (setup) return { skipped: setup.skip }
  try {
    const systems = SYSTEMS.filter((system) => benchCase.arms[system])
    const runs = new Map<System, ArmResult[]>(systems.map((system) => [system, []]))
    const peaks = new Map<System, number>(systems.map((system) => [system, 0]))
    const repetitions = benchCase.repetitions ?? profile.repetitions
    for (let rep = 0; rep < repetitions; rep++) {
      for (const system of armOrder(systems, rep)) {
        const dir = workspace.scratch(`${benchCase.id}-${system}-${rep}`)
        // Writeback of the previous arm's files must not land inside this one (outside the timing).
        if (benchCase.settleWrites) await settleWrites()
        await collectGarbage()
        const probe = new RssProbe()
        const result = await benchCase.arms[system]!({ profile, workspace, dir, probe })
        probe.sample()
        // Deleted at once: the next write arm then reuses these page-cache pages (see README).
        rmSync(dir, { recursive: true, force: true })
        runs.get(system)!.push(result)
        const peak = result.peakRssBytes ?? probe.peakBytes
        peaks.set(system, Math.max(peaks.get(system)!, peak))
        process.stderr.write(`  ${benchCase.id} ${system} rep ${rep + 1}: ${result.seconds.toFixed(3)} s\n`)
      }
    }
    return {
      summaries: systems.map((system) => summarize(benchCase, system, runs.get(system)!, peaks.get(system)!)),
    }
  } finally {
    await benchCase.teardown?.()
  }
}

function summarize(benchCase: BenchCase, system: System, results: ArmResult[], peak: number): ArmSummary {
  const mid = (values: (number | null)[]) => median(values.filter((v): v is number => v !== null))
  const latencies = results.map((r) => r.latencies ?? [])
  // The extra keys of the repetition whose time is the median (they are the same for most arms).
  const seconds = results.map((r) => r.seconds)
  const sorted = [...results].sort((a, b) => a.seconds - b.seconds)
  const middle = sorted[sorted.length >> 1]!
  return {
    caseId: benchCase.id,
    title: benchCase.title,
    system,
    n: middle.n,
    bytes: middle.bytes,
    seconds: median(seconds)!,
    secondsAll: seconds,
    p50Us: mid(latencies.map((l) => percentile(l, 50))),
    p95Us: mid(latencies.map((l) => percentile(l, 95))),
    latencyOf: latencies.some((l) => l.length > 0) ? (benchCase.latencyOf ?? 'op') : null,
    peakRssBytes: peak,
    extra: middle.extra ?? {},
  }
}
