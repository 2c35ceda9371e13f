import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findCodec, findHtype, registerCodecs, registerHtypes } from '@shoal/core/plugin'
import { describe, expect, it } from 'vitest'
import { bboxHtype, geometryCodecs, geometryHtypes } from '../src/index.js'

const src = join(dirname(fileURLToPath(import.meta.url)), '../src')

/** Every file reachable from `entry` through static imports (dynamic `import()` excluded). */
async function staticGraph(entry: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(entry)) return seen
  seen.add(entry)
  const text = await readFile(entry, 'utf8')
  for (const [, spec] of text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
    if (spec!.startsWith('.')) await staticGraph(resolve(dirname(entry), spec!.replace(/\.js$/, '.ts')), seen)
    else seen.add(spec!)
  }
  return seen
}

describe('registration', () => {
  it('register makes every htype and codec known, and importing it again is a no-op', async () => {
    await import('../src/register.js')
    for (const h of geometryHtypes) expect(findHtype(h.name)).toBe(h)
    for (const c of geometryCodecs) expect(findCodec(c.name)).toBe(c)
    expect(() => registerHtypes(geometryHtypes)).not.toThrow()
    expect(() => registerCodecs(geometryCodecs)).not.toThrow()
    expect(findHtype('bbox')).toBe(bboxHtype)
  })

  it('a different definition under a taken name is refused', async () => {
    await import('../src/register.js')
    expect(() => registerHtypes([{ ...bboxHtype, providedBy: 'someone-else' }])).toThrow(/bbox/)
  })

  it('the main entry and ./register load no parser: loaders.gl comes in only through import()', async () => {
    const graph = await staticGraph(join(src, 'register.ts'))
    const external = [...graph].filter((m) => !m.startsWith('/'))
    expect(external.sort()).toEqual(['@shoal/core/plugin'])
    expect([...graph].some((m) => m.endsWith('codecs/las.ts') || m.endsWith('codecs/ply.ts'))).toBe(false)
  })
})
