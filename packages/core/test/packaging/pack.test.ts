import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url))
const fixtures = join(repoRoot, '..', 'shared', 'fixtures', 'deeplake-3.9.52')
const dirs: string[] = []

/** The pnpm that runs this test (npm_execpath under `pnpm run`), else the bootstrap copy. */
function pnpmCommand(): string[] {
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm/.test(execPath)) return [process.execPath, execPath]
  const local = join(repoRoot, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')
  return existsSync(local) ? [process.execPath, local] : ['pnpm']
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('@shoal/core tarball', () => {
  it('installs into an empty folder outside the repo and reads a fixture with no other Shoal package', async () => {
    const out = await mkdtemp(join(tmpdir(), 'shoal-pack-'))
    const app = await mkdtemp(join(tmpdir(), 'shoal-app-'))
    dirs.push(out, app)
    const [cmd, ...args] = pnpmCommand()
    execFileSync(cmd!, [...args, '--filter', '@shoal/core', 'pack', '--pack-destination', out], {
      cwd: repoRoot,
      stdio: 'pipe',
    })
    const tarball = (await readdir(out)).find((f) => f.endsWith('.tgz'))
    expect(tarball).toBeDefined()
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }))
    execFileSync('npm', ['install', '--no-audit', '--no-fund', join(out, tarball!)], {
      cwd: app,
      stdio: 'pipe',
    })
    await writeFile(
      join(app, 'read.mjs'),
      `import { openDataset } from '@shoal/core'
const ds = await openDataset(process.argv[2])
const t = ds.tensor('int32_1d')
const first = await t.get(0)
const text = await (await openDataset(process.argv[3])).tensor('text').get(2)
console.log(JSON.stringify({ names: ds.tensorNames, length: t.length, first: Array.from(first.data), text }))
`,
    )
    const output = execFileSync(
      process.execPath,
      ['read.mjs', join(fixtures, 'generic'), join(fixtures, 'text_json_list')],
      { cwd: app, encoding: 'utf8' },
    )
    const result = JSON.parse(output)
    expect(result.names).toContain('int32_1d')
    expect(result.length).toBe(4)
    expect(result.first).toEqual([0, 1, 2])
    expect(result.text).toBe('héllo wörld ✓ 日本語')
    expect(await readdir(join(app, 'node_modules', '@shoal'))).toEqual(['core'])
  }, 180_000)
})
