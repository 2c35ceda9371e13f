/**
 * `pnpm conformance <dir>`: opens every NAME/ beside a NAME.expected.json with Shoal and checks it
 * the way ../shared/tools/read_dataset.py does. One line per check, then `N passed, N failed, N skipped`.
 * Exit status 1 if anything failed or the folder holds no dataset.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkDataset } from './check.js'
import { loadWorkspacePlugins } from './plugins.js'
import type { DatasetSpec } from './schema.js'

export async function runConformance(
  dir: string,
  print: (line: string) => void = console.log,
): Promise<number> {
  const root = resolve(fileURLToPath(import.meta.url), '../../..')
  const plugins = await loadWorkspacePlugins(root)
  print(`plugins: ${plugins.length ? plugins.join(', ') : '(core only)'}`)
  const names = (await readdir(dir)).filter((f) => f.endsWith('.expected.json')).sort()
  let passed = 0
  let failed = 0
  let skipped = 0
  let datasets = 0
  for (const file of names) {
    const name = file.slice(0, -'.expected.json'.length)
    const spec = JSON.parse(await readFile(join(dir, file), 'utf8')) as DatasetSpec
    const path = join(dir, name)
    try {
      await readdir(path)
    } catch {
      continue
    }
    datasets++
    for (const result of await checkDataset(path, spec, spec.dataset ?? name, dir)) {
      if (result.status === 'PASS') passed++
      else if (result.status === 'FAIL') failed++
      else skipped++
      print(`${result.status} ${result.subject}${result.reason ? `: ${result.reason}` : ''}`)
    }
  }
  if (datasets === 0) {
    print(`no dataset found in ${dir} (expected NAME/ folders beside NAME.expected.json files)`)
    failed++
  }
  print(`${passed} passed, ${failed} failed, ${skipped} skipped`)
  return failed === 0 ? 0 : 1
}

const dir = process.argv[2]
if (!dir) {
  console.error('usage: pnpm conformance <dir with NAME/ and NAME.expected.json>')
  process.exit(2)
}
process.exitCode = await runConformance(resolve(dir))
