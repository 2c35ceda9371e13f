import { expect } from 'vitest'
import type { HtypeConformanceOptions } from './types.js'

const LAYOUTS = ['array', 'text', 'json', 'list', 'polygon']

/**
 * The plugin's objects follow contract version 1: unique names, the package that provides them
 * (quoted by core's errors), a known layout, and codecs that load their code lazily.
 */
export function checkDefinitions(options: HtypeConformanceOptions): void {
  expect(options.htypes.length, 'the plugin lists no htypes').toBeGreaterThan(0)
  const names = new Set<string>()
  for (const htype of options.htypes) {
    const label = `htype "${htype.name}"`
    expect(htype.specVersion, `${label}: specVersion`).toBe(1)
    expect(htype.name, 'an htype name').toMatch(/^[a-z][a-z0-9_.]*$/)
    expect(names.has(htype.name), `${label} is listed twice`).toBe(false)
    names.add(htype.name)
    expect(htype.providedBy, `${label}: providedBy`).toMatch(/\S/)
    expect(LAYOUTS, `${label}: layout`).toContain(htype.layout)
    if (htype.dtypes && htype.defaultDtype !== null)
      expect(htype.dtypes, `${label}: defaultDtype among dtypes`).toContain(htype.defaultDtype)
  }
  const codecNames = new Set<string>()
  for (const codec of options.codecs ?? []) {
    const label = `codec "${codec.name}"`
    expect(codec.specVersion, `${label}: specVersion`).toBe(1)
    expect(codec.providedBy, `${label}: providedBy`).toMatch(/\S/)
    expect(typeof codec.loadCodec, `${label}: loadCodec`).toBe('function')
    for (const name of [codec.name, ...(codec.aliases ?? [])]) {
      expect(codecNames.has(name), `compression name "${name}" is claimed twice`).toBe(false)
      codecNames.add(name)
    }
  }
}
