import { readFile } from 'node:fs/promises'
import { describe, expect, it, vi } from 'vitest'

/** Runs the README's example exactly as written, so it cannot rot. */
describe('README example', () => {
  it('runs and prints what the comments say', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!
    const lines: unknown[][] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args))
    const core = await import('../src/index.js')
    const body = code.replace(/^import .*$/m, '')
    const run = new Function(
      'core',
      `const { createDataset, openDataset } = core; return (async () => {${body}})()`,
    )
    try {
      await run(core)
    } finally {
      log.mockRestore()
    }
    expect(lines).toEqual([
      [['labels', 'points', 'notes']],
      [['bird']],
      [[2, 2]],
      ['first'],
      ['sëcond'],
      [''],
    ])
  })
})
