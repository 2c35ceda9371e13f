import { readFile } from 'node:fs/promises'
import * as core from '@shoal/core'
import { describe, expect, it, vi } from 'vitest'
import * as geometry from '../src/index.js'

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
      'geometry',
      `const { createDataset, openDataset, read } = core; const { convertBoxes, inferBoxCoords } = geometry; return (async () => {${body}})()`,
    )
    try {
      await run(core, geometry)
    } finally {
      log.mockRestore()
    }
    expect(lines).toEqual([
      [[0, 4]],
      [
        [
          [3, 2],
          [4, 2],
        ],
      ],
      [
        [3, 3],
        [0, 1, 2],
      ],
      [{ type: 'fractional', mode: 'CCWH' }],
      [[80, 30, 40, 40]],
    ])
  })
})
