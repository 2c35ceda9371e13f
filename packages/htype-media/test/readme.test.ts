import { readFile, writeFile } from 'node:fs/promises'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { cleanTemps, newDataset } from './helpers/dataset.js'
import { makeAudio, makeVideo } from './helpers/media.js'

afterAll(cleanTemps)

/** Runs the README's example exactly as written, next to the two files it reads. */
describe('README example', () => {
  it('runs and prints what the comments say', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!
    const { path } = await newDataset() // only for its temporary folder
    const dir = path.replace(/\/ds$/, '')
    await writeFile(`${dir}/clip.mp4`, makeVideo('mp4', { frames: 10, width: 64, height: 48 }))
    await writeFile(`${dir}/tone.wav`, makeAudio('wav', { rate: 8000, seconds: 0.5, channels: 2 }))
    const core = await import('@shoal/core')
    await import('../src/register.js')
    const body = code.replace(/^import .*$/gm, '')
    const run = new Function(
      'core',
      `const { createDataset, openDataset, read } = core; return (async () => {${body}})()`,
    )
    const lines: unknown[][] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args))
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      await run(core)
    } finally {
      process.chdir(cwd)
      log.mockRestore()
    }
    expect(lines).toEqual([[[10, 48, 64, 3]], [10], [[2, 48, 64, 3]], ['float64', [4000, 2]], [8000]])
  })
})
