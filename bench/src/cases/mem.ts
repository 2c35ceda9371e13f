/**
 * mem: the B4 image scan and the B8 embedding scan at 1× and 2× the profile's size, each in a fresh
 * child process; the peak RSS over the child's start must not grow with the dataset (within 20%, or
 * within 4 MB: at a base of ~9 MB, GC timing alone moves the peak by 2-3 MB between runs).
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Arm, BenchCase, SetupContext } from '../case.js'
import type { MemChildReport } from '../mem-child.js'
import { embeddingFixture } from '../stores/embeddings.js'
import { imageFixture } from '../stores/image-fixture.js'

const run = promisify(execFile)
const CHILD = fileURLToPath(new URL('../mem-child.ts', import.meta.url))
/** Growth of peak-over-start from 1× to 2× still called flat: relative, with an absolute floor. */
const FLAT_TOLERANCE = 0.2
const FLAT_SLACK_MB = 4
const MB = 1e6

/** One scan target per size: the stored path per system, batch and record size. */
interface Target {
  readonly paths: Readonly<Record<'shoal' | 'raw-node', string>>
  readonly count: number
  readonly batch: number
  readonly recordBytes: number
}

async function child(kind: string, system: string, target: Target): Promise<MemChildReport> {
  // Same loader as this process (tsx), but no profiler flags: each child is measured alone.
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--cpu-prof'))
  const args = [...execArgv, CHILD, kind, system, target.paths[system as 'shoal'], String(target.batch)]
  const { stdout } = await run(process.execPath, [...args, String(target.recordBytes)], {
    maxBuffer: 1 << 20,
  })
  return JSON.parse(stdout.trim().split('\n').pop()!) as MemChildReport
}

function memArm(kind: string, system: 'shoal' | 'raw-node', targets: () => [Target, Target]): Arm {
  return async () => {
    const [one, two] = targets()
    const small = await child(kind, system, one)
    const large = await child(kind, system, two)
    const over = (r: MemChildReport) => (r.maxRssBytes - r.startRssBytes) / MB
    const growth = over(large) / Math.max(over(small), 1)
    return {
      n: large.n,
      bytes: large.n * two.recordBytes,
      seconds: large.seconds,
      peakRssBytes: large.maxRssBytes,
      extra: {
        n_1x: small.n,
        rss_start_mb_1x: Number((small.startRssBytes / MB).toFixed(1)),
        peak_rss_mb_1x: Number((small.maxRssBytes / MB).toFixed(1)),
        peak_over_start_mb_1x: Number(over(small).toFixed(1)),
        rss_start_mb_2x: Number((large.startRssBytes / MB).toFixed(1)),
        peak_over_start_mb_2x: Number(over(large).toFixed(1)),
        growth: Number(growth.toFixed(3)),
        flat: growth <= 1 + FLAT_TOLERANCE || over(large) - over(small) <= FLAT_SLACK_MB,
      },
    }
  }
}

function memCase(
  id: string,
  kind: string,
  build: (context: SetupContext) => Promise<[Target, Target]>,
): BenchCase {
  let targets: [Target, Target] | undefined
  return {
    id,
    group: 'mem',
    title: `peak RSS of the ${kind} scan at 1× and 2× (fresh child each)`,
    repetitions: 1,
    async setup(context) {
      targets = await build(context)
      return undefined
    },
    arms: {
      shoal: memArm(kind, 'shoal', () => targets!),
      'raw-node': memArm(kind, 'raw-node', () => targets!),
    },
  }
}

/** mem.B4 (images, getRange batches) and mem.B8 (embeddings, tensor.scan stacked batches). */
export const memCases: BenchCase[] = [
  memCase('mem.B4', 'images', async ({ workspace, profile }) => {
    const one = await imageFixture(workspace, profile)
    const two = await imageFixture(workspace, profile, { scale: 2, systems: ['shoal', 'raw-node'] })
    return [one, two].map((s) => ({
      paths: { shoal: s.shoal, 'raw-node': s.flat },
      count: s.count,
      batch: s.batch,
      recordBytes: s.sampleBytes,
    })) as [Target, Target]
  }),
  memCase('mem.B8', 'embeddings', async ({ workspace, profile }) => {
    const one = await embeddingFixture(workspace, profile)
    const two = await embeddingFixture(workspace, profile, { scale: 2, systems: ['shoal', 'raw-node'] })
    return [one, two].map((s) => ({
      paths: { shoal: s.shoal, 'raw-node': s.flat },
      count: s.rows,
      batch: s.batch,
      recordBytes: s.dim * 4,
    })) as [Target, Target]
  }),
]
