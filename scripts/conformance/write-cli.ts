/**
 * `pnpm conformance:write <dir>`: writes one dataset per group of htypes the workspace supports,
 * each with a NAME.expected.json computed from the inputs (not read back), so that
 * `pnpm conformance <dir>` and Python's read_dataset.py --all can check what Shoal wrote.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDataset } from '@shoal/core'
import { loadWorkspacePlugins } from './plugins.js'
import { type WriteCase, writeCases } from './write-datasets.js'

const dir = process.argv[2]
if (!dir) {
  console.error('usage: pnpm conformance:write <output dir>')
  process.exit(2)
}
const out = resolve(dir)
await mkdir(out, { recursive: true })
await loadWorkspacePlugins(resolve(import.meta.dirname, '../..'))
// Each plugin family adds its datasets as scripts/conformance/cases/<family>.ts exporting `cases`.
const casesDir = join(import.meta.dirname, 'cases')
const pluginCases: WriteCase[] = []
for (const file of (await readdir(casesDir)).filter((f) => f.endsWith('.ts')).sort()) {
  const module = (await import(pathToFileURL(join(casesDir, file)).href)) as { cases: readonly WriteCase[] }
  pluginCases.push(...module.cases)
}
for (const testCase of [...writeCases, ...pluginCases]) {
  const path = join(out, testCase.name)
  await rm(path, { recursive: true, force: true })
  const ds = await createDataset(path)
  const spec = await testCase.write(ds, { dir: out })
  await ds.close()
  await writeFile(
    join(out, `${testCase.name}.expected.json`),
    `${JSON.stringify({ ...spec, written_by: 'shoal conformance:write' }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`,
  )
  console.log(`wrote ${path} (${Object.keys(spec.tensors ?? {}).length} tensors)`)
}
