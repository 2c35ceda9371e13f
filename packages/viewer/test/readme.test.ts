import { readFile } from 'node:fs/promises'
import { describe, expect, it, vi } from 'vitest'

/** Runs the README's example as written (imports swapped for the modules under test). */
describe('README example', () => {
  it('runs and prints what the comments say', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!
    const core = await import('@shoal/core')
    const viewer = await import('../src/index.js')
    const body = code.replace(/^import .*$/gm, '')
    const run = new Function(
      'core',
      'viewer',
      `const { createDataset } = core; const { startViewer } = viewer; return (async () => {${body}})()`,
    )
    const lines: unknown[][] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args))
    // The example stops on Ctrl-C: keep its handler and call it, as SIGINT would.
    let stop: (() => Promise<void>) | undefined
    const once = vi.spyOn(process, 'once').mockImplementation(((
      event: string,
      handler: () => Promise<void>,
    ) => {
      if (event === 'SIGINT') stop = handler
      return process
    }) as typeof process.once)
    try {
      await run(core, viewer)
    } finally {
      log.mockRestore()
      once.mockRestore()
    }
    expect(lines).toEqual([[true], [['boxes', 'labels']]])
    expect(stop).toBeTypeOf('function')
    await stop!()
  })
})
