/**
 * B13: how fast the `shoal` binary starts. The shoal arm runs `shoal --help`, which must load no
 * command, plugin or native module; each run also times `shoal info` on a small dataset, and the
 * JSON line reports `help_over_info` (the issue asks for under 0.5). The raw-node arm is Node
 * starting with nothing to do: the floor of any CLI written for it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ArmResult, BenchCase } from '../case.js'
import { now, secondsSince } from '../measure.js'

const RUNS = 5
const bin = fileURLToPath(new URL('../../../packages/cli/bin/shoal.js', import.meta.url))
let dataset: string | undefined

function timed(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = now()
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, args, { stdio: 'ignore', env })
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}`)
  }
  return secondsSince(start)
}

/** The B13 case. */
export const b13CliStartup: BenchCase = {
  id: 'B13',
  group: 'B13',
  title: '`shoal --help` start-up (5 runs; info on a small dataset alongside)',
  async setup({ workspace }) {
    if (!existsSync(join(bin, '..', '..', 'dist', 'cli.js'))) return { skip: 'needs a built @shoal/cli' }
    dataset = await workspace.fixture('cli-demo', async (dir) => {
      const path = join(dir, 'shapes')
      const run = spawnSync(process.execPath, [bin, 'demo', path], { stdio: 'ignore' })
      if (run.status !== 0) throw new Error('shoal demo failed')
      return path
    })
    return undefined
  },
  arms: {
    async shoal(): Promise<ArmResult> {
      const help = timed([bin, '--help'])
      const info = timed([bin, 'info', dataset!])
      const extra: Record<string, number> = {
        info_seconds: Number(info.toFixed(4)),
        help_over_info: Number((help / info).toFixed(3)),
      }
      // NODE_EXTRA_CA_CERTS makes every Node start parse a PEM bundle (~45 ms on our machines),
      // a floor no CLI can go under; the ratio without it shows what Shoal itself adds.
      if (process.env.NODE_EXTRA_CA_CERTS) {
        const { NODE_EXTRA_CA_CERTS: _ca, ...env } = process.env
        const plainHelp = timed([bin, '--help'], env)
        const plainInfo = timed([bin, 'info', dataset!], env)
        extra.help_over_info_without_extra_ca = Number((plainHelp / plainInfo).toFixed(3))
      }
      return { n: RUNS, bytes: 0, seconds: help, extra }
    },
    async 'raw-node'(): Promise<ArmResult> {
      return { n: RUNS, bytes: 0, seconds: timed(['-e', '0']) }
    },
  },
}
