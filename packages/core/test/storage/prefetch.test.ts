import { describe, expect, it } from 'vitest'
import { describeStorageConformance } from '../../../testkit/src/storage.js'
import { createDataset, type NDArray, openDataset } from '../../src/index.js'
import type { StorageProvider } from '../../src/storage/contract.js'
import { createMemoryStorage } from '../../src/storage/memory.js'
import { withChunkPrefetch } from '../../src/storage/prefetch.js'

/** A memory store without synchronous reads (like a remote one) that counts and delays its gets. */
function remoteLike(inner: StorageProvider) {
  const counts = { gets: 0, ranges: 0, active: 0, peak: 0 }
  const slow = async <T>(work: () => Promise<T>): Promise<T> => {
    counts.peak = Math.max(counts.peak, ++counts.active)
    await new Promise((resolve) => setTimeout(resolve, 3))
    try {
      return await work()
    } finally {
      counts.active--
    }
  }
  const { getSync: _a, getRangeSync: _b, ...rest } = inner
  const store: StorageProvider = {
    ...rest,
    get: (key, options) => {
      counts.gets++
      return slow(() => inner.get(key, options))
    },
    getRange: (key, range, options) => {
      counts.ranges++
      return slow(() => inner.getRange!(key, range, options))
    },
  }
  return { store, counts }
}

describeStorageConformance('withChunkPrefetch over memory', async () => ({
  storage: withChunkPrefetch(createMemoryStorage()),
}))

describe('withChunkPrefetch', () => {
  it('scans with one whole-chunk request per chunk and keeps several chunks in flight', async () => {
    const memory = createMemoryStorage()
    const ds = await createDataset('memory://prefetch', { storage: memory })
    const x = await ds.createTensor('x', { dtype: 'uint8', maxChunkSize: 8192 })
    for (let i = 0; i < 200; i++) await x.append({ shape: [512], data: new Uint8Array(512).fill(i % 251) })
    await ds.close()
    const chunkKeys: string[] = []
    for await (const key of memory.list!('x/chunks/')) chunkKeys.push(key)
    expect(chunkKeys.length).toBeGreaterThan(10)

    const { store, counts } = remoteLike(memory)
    const prefetching = withChunkPrefetch(store, { inFlight: 4 })
    const back = await openDataset('memory://prefetch', { storage: prefetching, readOnly: true })
    const before = { ...counts }
    let i = 0
    for await (const value of back.tensor('x')) expect((value as NDArray).data[0]).toBe(i++ % 251)
    expect(i).toBe(200)
    // Whole chunks plus the chunk index; no ranged reads of chunks.
    expect(counts.gets - before.gets).toBe(chunkKeys.length + 1)
    expect(counts.ranges - before.ranges).toBe(0)
    expect(counts.peak).toBeGreaterThanOrEqual(4)
    expect(prefetching.prefetchStats.fetches).toBe(chunkKeys.length)
    await back.close()
  })
})
