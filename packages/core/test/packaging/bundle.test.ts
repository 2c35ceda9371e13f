import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const coreRoot = fileURLToPath(new URL('../..', import.meta.url))
let work: string

/** A minimal third-party htype package: a pure main entry and a side-effect `./register`. */
async function writePlugin(sideEffects: unknown): Promise<void> {
  const dir = join(work, 'node_modules', 'acme-htype')
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'acme-htype',
      version: '1.0.0',
      type: 'module',
      sideEffects,
      exports: { '.': './index.js', './register': './register.js' },
    }),
  )
  await writeFile(
    join(dir, 'index.js'),
    `export const acmeHtype = { specVersion: 1, name: 'acme.heat', providedBy: 'acme-htype', version: '1.0.0', layout: 'array', defaultDtype: 'float32' }\n`,
  )
  await writeFile(
    join(dir, 'register.js'),
    `import { registerHtypes } from '@shoal/core/plugin'\nimport { acmeHtype } from './index.js'\nregisterHtypes([acmeHtype])\n`,
  )
}

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    treeShaking: true,
    // Resolve @shoal/core through its exports map, from source, as a bundler of a workspace would.
    conditions: ['@shoal/source'],
    external: ['lz4-napi'],
    logLevel: 'silent',
  })
}

function runNode(file: string): string {
  return execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim()
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'shoal-bundle-'))
  await mkdir(join(work, 'node_modules', '@shoal'), { recursive: true })
  await symlink(coreRoot, join(work, 'node_modules', '@shoal', 'core'), 'dir')
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('registration survives bundling', () => {
  const consumer = `import 'acme-htype/register'\nimport { findHtype } from '@shoal/core/plugin'\nconsole.log(findHtype('acme.heat')?.providedBy ?? 'missing')\n`

  it('keeps a plugin /register entry listed in sideEffects', async () => {
    await writePlugin(['./register.js'])
    await writeFile(join(work, 'app.js'), consumer)
    await bundle(join(work, 'app.js'), join(work, 'out', 'app.mjs'))
    expect(runNode(join(work, 'out', 'app.mjs'))).toBe('acme-htype')
  })

  it('loses it when the plugin wrongly marks everything side-effect free (the anti-pattern)', async () => {
    await writePlugin(false)
    await writeFile(join(work, 'app.js'), consumer)
    await bundle(join(work, 'app.js'), join(work, 'out', 'app-bad.mjs'))
    expect(runNode(join(work, 'out', 'app-bad.mjs'))).toBe('missing')
  })
})

describe('two copies of core', () => {
  it('share one registry and recognise each other’s errors', async () => {
    // Each bundle inlines its own copy of core's modules: two registries unless they share globalThis.
    await writeFile(
      join(work, 'copy-a.js'),
      `import { registerHtypes, ShoalError } from '@shoal/core/plugin'\nexport const register = (d) => registerHtypes([d])\nexport const fail = () => new ShoalError('NOT_FOUND', 'from copy A')\n`,
    )
    await writeFile(
      join(work, 'copy-b.js'),
      `import { findHtype, isShoalError } from '@shoal/core/plugin'\nexport const find = (n) => findHtype(n)\nexport const recognise = (e) => isShoalError(e, 'NOT_FOUND')\n`,
    )
    await bundle(join(work, 'copy-a.js'), join(work, 'out', 'copy-a.mjs'))
    await bundle(join(work, 'copy-b.js'), join(work, 'out', 'copy-b.mjs'))
    await writeFile(
      join(work, 'out', 'main.mjs'),
      `import * as a from './copy-a.mjs'\nimport * as b from './copy-b.mjs'\nconst def = { specVersion: 1, name: 'twin', providedBy: 'twin-pkg', layout: 'array', defaultDtype: null }\na.register(def)\nconsole.log(JSON.stringify({ shared: b.find('twin') === def, builtin: b.find('generic')?.name, error: b.recognise(a.fail()) }))\n`,
    )
    expect(JSON.parse(runNode(join(work, 'out', 'main.mjs')))).toEqual({
      shared: true,
      builtin: 'generic',
      error: true,
    })
  })
})
