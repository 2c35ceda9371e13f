import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type NDArray, openDataset } from '../../src/index.js'
import { cleanTemps, tempDir } from '../helpers/fixtures.js'
import { startChild } from './children/run.js'
import { expectedSample } from './children/samples.js'

afterAll(cleanTemps)

const TRIALS = 20

/** Kills the child after `delayMs`, and returns the last count it reported as flushed. */
async function runAndKill(path: string, delayMs: number): Promise<number> {
  const child = startChild('./append-loop.ts', [path])
  let flushed = -1
  let buffer = ''
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString()
    for (const match of buffer.matchAll(/flushed (\d+)\n/g)) flushed = Number(match[1])
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  // Wait for the first flush (process start-up varies), then let it run for the random delay.
  await new Promise<void>((resolve, reject) => {
    const started = Date.now()
    const poll = setInterval(() => {
      if (flushed >= 0) {
        clearInterval(poll)
        setTimeout(resolve, delayMs)
      } else if (child.exitCode !== null || Date.now() - started > 30_000) {
        clearInterval(poll)
        reject(new Error(`child did not start: ${stderr}`))
      }
    }, 5)
  })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  child.kill('SIGKILL')
  await exited
  return flushed
}

describe('crash safety', () => {
  it(`after kill -9 at a random moment (${TRIALS} trials) every tensor reads as a prefix, flushed data intact`, async () => {
    const root = await tempDir()
    const lengths: number[] = []
    for (let trial = 0; trial < TRIALS; trial++) {
      const path = join(root, `trial-${trial}`)
      const delay = Math.floor(Math.random() * 400)
      const flushed = await runAndKill(path, delay)
      const ds = await openDataset(path, { readOnly: true })
      for (const name of ['ints', 'words', 'packed'] as const) {
        const tensor = ds.tensor(name)
        expect(tensor.length, `trial ${trial} (${delay} ms) ${name}`).toBeGreaterThanOrEqual(flushed)
        for (let i = 0; i < tensor.length; i++) {
          const want = expectedSample(i)[name]
          const got = await tensor.get(i)
          if (typeof want === 'string') expect(got).toBe(want)
          else expect(Array.from((got as NDArray).data as ArrayLike<number>)).toEqual(Array.from(want))
        }
      }
      lengths.push(ds.tensor('ints').length)
      await ds.close()
    }
    // The kills landed at different moments: not every trial stopped at the same length.
    expect(new Set(lengths).size).toBeGreaterThan(1)
  }, 300_000)
})
