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

function pnpmCommand(): string[] {
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm/.test(execPath)) return [process.execPath, execPath]
  const local = join(repoRoot, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')
  return existsSync(local) ? [process.execPath, local] : ['pnpm']
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('@shoal/core + @shoal/htype-image tarballs', () => {
  it('install together into an empty folder; sharp (and the fast JPEG decoder) load only when an image is decoded', async () => {
    const out = await mkdtemp(join(tmpdir(), 'shoal-pack-'))
    const app = await mkdtemp(join(tmpdir(), 'shoal-app-'))
    dirs.push(out, app)
    const [cmd, ...args] = pnpmCommand()
    for (const name of ['@shoal/core', '@shoal/htype-image']) {
      execFileSync(cmd!, [...args, '--filter', name, 'pack', '--pack-destination', out], {
        cwd: repoRoot,
        stdio: 'pipe',
      })
    }
    const tarballs = (await readdir(out)).filter((f) => f.endsWith('.tgz'))
    expect(tarballs).toHaveLength(2)
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }))
    execFileSync('npm', ['install', '--no-audit', '--no-fund', ...tarballs.map((t) => join(out, t))], {
      cwd: app,
      stdio: 'pipe',
    })
    await writeFile(
      join(app, 'read.mjs'),
      `import { createRequire } from 'node:module'
import { isShoalError, openDataset } from '@shoal/core'
const require = createRequire(import.meta.url)
const sharpLoaded = () => Object.keys(require.cache).some((p) => p.includes('/sharp/'))
const napiLoaded = () => Object.keys(require.cache).some((p) => p.includes('/@napi-rs/image'))
let missing
try { (await openDataset(process.argv[2])).tensor('png_rgb') } catch (e) { missing = { code: e.code, message: e.message } }
const afterCore = sharpLoaded()
const { imageHtypes } = await import('@shoal/htype-image')
const afterIndex = sharpLoaded()
await import('@shoal/htype-image/register')
const afterRegister = sharpLoaded() || napiLoaded()
const ds = await openDataset(process.argv[2])
const image = await ds.tensor('png_rgb').get(0)
console.log(JSON.stringify({ missing, afterCore, afterIndex, afterRegister, afterDecode: sharpLoaded(), htypes: imageHtypes.length, shape: image.shape }))
`,
    )
    const output = execFileSync(process.execPath, ['read.mjs', join(fixtures, 'images')], {
      cwd: app,
      encoding: 'utf8',
    })
    const result = JSON.parse(output)
    expect(result.missing.code).toBe('UNKNOWN_HTYPE')
    expect(result.missing.message).toContain('@shoal/htype-image')
    expect([result.afterCore, result.afterIndex, result.afterRegister]).toEqual([false, false, false])
    expect(result.afterDecode).toBe(true)
    expect(result.htypes).toBe(6)
    expect(result.shape).toEqual([12, 16, 3])
  })
})
