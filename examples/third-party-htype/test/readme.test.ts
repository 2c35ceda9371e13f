import { readFile } from 'node:fs/promises'
import * as core from '@shoal/core'
import { describe, expect, it, vi } from 'vitest'
import * as heatmap from '../src/index.js'

/** Runs the README's example as written (imports swapped for the source entries), so it cannot rot. */
describe('README example', () => {
  it('runs and prints what the comments say', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!
    await import('../src/register.js')
    const body = code.replace(/^import .*$/gm, '')
    const lines: unknown[][] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args))
    const run = new Function(
      'core',
      'heatmap',
      `const { createDataset, openDataset } = core; const { halfToNumber } = heatmap; return (async () => {${body}})()`,
    )
    try {
      await run(core, heatmap)
    } finally {
      log.mockRestore()
    }
    expect(lines).toEqual([
      ['INVALID_SAMPLE', 1],
      ['float16', [2, 3], [0, 0.5, 1, 0.25, 0.75, 2]],
    ])
  })

  it('the register entry makes the htype known to the shared registry', async () => {
    await import('../src/register.js')
    expect(core.findHtype('heatmap')).toBe(heatmap.heatmapHtype)
  })
})
