import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeStorageConformance } from '../../../testkit/src/storage.js'
import { withLruCache } from '../../src/storage/cache.js'
import { createLocalStorage } from '../../src/storage/local.js'
import { createMemoryStorage } from '../../src/storage/memory.js'

async function tempFolder() {
  const folder = await mkdtemp(join(tmpdir(), 'shoal-storage-'))
  return { folder, cleanup: () => rm(folder, { recursive: true, force: true }) }
}

describeStorageConformance('memory', async () => ({ storage: createMemoryStorage() }))

describeStorageConformance('named memory', async () => ({
  storage: createMemoryStorage({ name: `conformance-${Math.random()}` }),
}))

describeStorageConformance('local folder', async () => {
  const { folder, cleanup } = await tempFolder()
  return { storage: createLocalStorage(folder), cleanup }
})

describeStorageConformance('local folder, durable writes', async () => {
  const { folder, cleanup } = await tempFolder()
  return { storage: createLocalStorage(folder, { durable: true }), cleanup }
})

describeStorageConformance('local folder with an LRU cache', async () => {
  const { folder, cleanup } = await tempFolder()
  return { storage: withLruCache(createLocalStorage(folder), { maxBytes: 64 * 1024 }), cleanup }
})

describeStorageConformance('memory with a tiny LRU cache', async () => ({
  storage: withLruCache(createMemoryStorage(), { maxBytes: 600 }),
}))
