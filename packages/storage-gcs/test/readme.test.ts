import { readFile } from 'node:fs/promises'
import * as core from '@shoal/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type GcsServer, startGcsServer } from './helpers/gcs-server.js'

let server: GcsServer
beforeAll(async () => {
  server = await startGcsServer()
})
afterAll(() => server.stop())

/** Runs the README's example as written against the local emulator, so it cannot rot. */
describe('README example', () => {
  it('runs and prints what the comments say', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!
    await import('../src/register.js')
    const body = code.replace(/^import .*$/gm, '')
    const lines: unknown[][] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args))
    process.env.GCS_ENDPOINT = server.endpoint
    const run = new Function(
      'core',
      `const { createDataset, openDataset } = core; return (async () => {${body}})()`,
    )
    try {
      await run(core)
    } finally {
      log.mockRestore()
      delete process.env.GCS_ENDPOINT
    }
    expect(lines).toEqual([[2], [[4, 5, 6]]])
  })
})
