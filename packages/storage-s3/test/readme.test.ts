import { readFile } from 'node:fs/promises'
import * as core from '@shoal/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type S3Server, startS3Server } from './helpers/s3-server.js'

let server: S3Server
beforeAll(async () => {
  server = await startS3Server()
  await server.createBucket('my-bucket')
})
afterAll(() => server.stop())

/** Runs the README's example as written against a local S3 server, so it cannot rot. */
describe('README example', () => {
  it('runs and prints what the comments say', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!
    await import('../src/register.js')
    const body = code.replace(/^import .*$/gm, '')
    const lines: unknown[][] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args))
    process.env.S3_ENDPOINT = server.endpoint
    const run = new Function(
      'core',
      `const { createDataset, openDataset } = core; return (async () => {${body}})()`,
    )
    try {
      await run(core)
    } finally {
      log.mockRestore()
      delete process.env.S3_ENDPOINT
    }
    expect(lines).toEqual([[2], [[4, 5, 6]]])
  })
})
