import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { copyDataset, createDataset, isShoalError, type NDArray, openDataset } from '../../src/index.js'
import { createMemoryStorage } from '../../src/storage/memory.js'
import { cleanTemps, copyFixture, tempDir } from '../helpers/fixtures.js'

afterAll(cleanTemps)

describe('copyDataset', () => {
  it('copies a Python-written fixture to memory and to a folder, with progress, and both read the same', async () => {
    const source = await copyFixture('version_control')
    const memory = createMemoryStorage()
    const progress: number[] = []
    const result = await copyDataset(source, memory, {
      concurrency: 3,
      onProgress: (p) => progress.push(p.copiedKeys),
    })
    expect(result.keys).toBeGreaterThan(3)
    expect(progress).toEqual(Array.from({ length: result.keys }, (_, i) => i + 1))
    const folder = join(await tempDir(), 'copy')
    expect(await copyDataset(memory, folder)).toEqual(result)
    expect((await readdir(folder, { recursive: true })).length).toBeGreaterThanOrEqual(result.keys)

    const a = await openDataset(source, { readOnly: true })
    const b = await openDataset(folder, { readOnly: true })
    expect(b.tensorNames).toEqual(a.tensorNames)
    for (const name of a.tensorNames) {
      const ta = a.tensor(name)
      expect(b.tensor(name).length).toBe(ta.length)
      for (let i = 0; i < ta.length; i++) expect(await b.tensor(name).get(i)).toEqual(await ta.get(i))
    }
    await a.close()
    await b.close()
  })

  it('leaves the lock behind, refuses a non-empty target without overwrite, and checks the source', async () => {
    const ds = await createDataset('memory://copy-src')
    await (await ds.createTensor('x', { dtype: 'int32' })).extend([1, 2, 3])
    await ds.flush() // the writer holds dataset_lock.lock now
    const target = createMemoryStorage()
    await copyDataset('memory://copy-src', target)
    expect(await target.get('dataset_lock.lock')).toBeUndefined()
    await expect(copyDataset('memory://copy-src', target)).rejects.toSatisfy((e) =>
      isShoalError(e, 'ALREADY_EXISTS'),
    )
    await copyDataset('memory://copy-src', target, { overwrite: true })
    const back = await openDataset('memory://x', { storage: target, readOnly: true })
    expect(((await back.tensor('x').get(2)) as NDArray).data[0]).toBe(3)
    await ds.close()
    await expect(copyDataset(createMemoryStorage(), createMemoryStorage())).rejects.toSatisfy((e) =>
      isShoalError(e, 'NOT_FOUND'),
    )
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(
      copyDataset('memory://copy-src', createMemoryStorage(), { signal: controller.signal }),
    ).rejects.toThrow('stop')
  })
})
