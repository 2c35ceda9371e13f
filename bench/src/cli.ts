/**
 * `pnpm bench [--profile tiny|small|full] [--cases B1,B4,…] [--out results.jsonl]`
 *
 * Runs the selected cases against Shoal's built dist, raw node (fs + standalone codecs) and
 * zarrita; prints one JSON line per case and arm, then a table of Shoal's ratios.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { selectCases } from './cases/index.js'
import { isProfileName, profiles } from './profiles.js'
import { emitRecords, printMemory, printTable } from './report.js'
import type { ArmSummary } from './runner.js'
import { runCase } from './runner.js'
import { startSettler, stopSettler } from './settle.js'
import { Workspace } from './workspace.js'

const USAGE = 'usage: pnpm bench [--profile tiny|small|full] [--cases B1,B4,…] [--out results.jsonl]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'small' },
      cases: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  if (!isProfileName(values.profile)) throw new Error(`unknown profile "${values.profile}"\n${USAGE}`)
  const profile = profiles[values.profile]
  const cases = selectCases(values.cases?.split(','))
  if (values.out) {
    mkdirSync(dirname(values.out), { recursive: true })
    writeFileSync(values.out, '')
  }

  startSettler()
  const workspace = new Workspace()
  const started = process.hrtime.bigint()
  const summaries: ArmSummary[] = []
  process.stderr.write(`shoal bench: profile ${profile.name}, work dir ${workspace.root}\n`)
  try {
    let group: string | undefined
    for (const benchCase of cases) {
      // Input data is memoised per group; dropping it between groups keeps later RSS honest.
      if (group !== undefined && benchCase.group !== group) workspace.releaseMemos()
      group = benchCase.group
      process.stderr.write(`${benchCase.id}: ${benchCase.title}\n`)
      const outcome = await runCase(benchCase, profile, workspace)
      if ('skipped' in outcome) {
        console.log(`SKIP ${benchCase.id}: ${outcome.skipped}`)
        continue
      }
      emitRecords(outcome.summaries, profile.name, values.out)
      summaries.push(...outcome.summaries)
    }
  } finally {
    workspace.remove()
    stopSettler()
  }
  printTable(summaries.filter((s) => !s.caseId.startsWith('mem.')))
  printMemory(summaries.filter((s) => s.caseId.startsWith('mem.')))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  console.log(`\ntotal ${seconds.toFixed(1)} s (profile ${profile.name})`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
