import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDataset, isShoalError, openDataset } from '../../src/index.js'
import { cleanTemps, snapshot, tempDir } from '../helpers/fixtures.js'
import { startChild, waitForLine } from './children/run.js'

afterAll(cleanTemps)

describe('the writer lock', () => {
  it('refuses a second writer with DatasetLockedError while the first holds the dataset', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    await ds.createTensor('x', { dtype: 'int32' })
    await ds.close()
    const child = startChild('./hold-lock.ts', [path])
    try {
      await waitForLine(child, (line) => line === 'locked')
      const second = await openDataset(path)
      const before = await snapshot(path)
      let caught: unknown
      try {
        await second.tensor('x').append([2])
      } catch (error) {
        caught = error
      }
      expect(isShoalError(caught, 'DATASET_LOCKED')).toBe(true)
      expect((caught as Error).name).toBe('DatasetLockedError')
      expect((caught as Error).message).toMatch(/locked by another writer/)
      expect(await snapshot(path)).toEqual(before)
      // Reading is never blocked by the lock.
      expect((await openDataset(path, { readOnly: true })).tensor('x').length).toBe(1)
    } finally {
      child.kill('SIGKILL')
    }
  }, 60_000)

  it('is taken over when the writer that holds it on this machine was killed', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    await ds.createTensor('x', { dtype: 'int32' })
    await ds.close()
    const child = startChild('./hold-lock.ts', [path])
    await waitForLine(child, (line) => line === 'locked')
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    // The lock file is still there and not expired, but its process is gone.
    const next = await openDataset(path)
    await next.tensor('x').append([3])
    await next.close()
    expect((await openDataset(path, { readOnly: true })).tensor('x').length).toBe(2)
  }, 60_000)

  it('is released on close, so the next writer proceeds', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    await (await ds.createTensor('x', { dtype: 'int32' })).append([1])
    await ds.close()
    const next = await openDataset(path)
    await next.tensor('x').append([2])
    await next.close()
    expect((await openDataset(path, { readOnly: true })).tensor('x').length).toBe(2)
  })
})
