import { describe, expect, it } from 'vitest'
import { createMemoryStorage, dropMemoryStorage } from '../../src/storage/memory.js'

describe('createMemoryStorage', () => {
  it('shares data between stores of the same name', async () => {
    const name = `shared-${Math.random()}`
    const first = createMemoryStorage({ name })
    await first.set!('dataset_meta.json', new Uint8Array([1, 2]))
    const second = createMemoryStorage({ name })
    expect(await second.get('dataset_meta.json')).toEqual(new Uint8Array([1, 2]))
    expect(second.description).toBe(`memory://${name}`)
    expect(dropMemoryStorage(name)).toBe(true)
    expect(await createMemoryStorage({ name }).get('dataset_meta.json')).toBeUndefined()
  })

  it('keeps unnamed stores apart', async () => {
    const a = createMemoryStorage()
    await a.set!('k', new Uint8Array([1]))
    expect(await createMemoryStorage().get('k')).toBeUndefined()
  })

  it('keeps named stores on globalThis, shared by every copy of core', async () => {
    const name = `global-${Math.random()}`
    await createMemoryStorage({ name }).set!('k', new Uint8Array([3]))
    const stores = (globalThis as Record<symbol, unknown>)[Symbol.for('@shoal/core/memory-storage@1')]
    expect(stores).toBeInstanceOf(Map)
    expect((stores as Map<string, Map<string, Uint8Array>>).get(name)?.get('k')).toEqual(new Uint8Array([3]))
    dropMemoryStorage(name)
  })

  it('returns stored bytes without copying them', async () => {
    const storage = createMemoryStorage()
    await storage.set!('k', new Uint8Array([1, 2, 3]))
    const a = await storage.get('k')
    expect(await storage.get('k')).toBe(a)
    expect(storage.getSync!('k')).toBe(a)
    expect(storage.getRangeSync!('k', { offset: 1, length: 1 })?.buffer).toBe(a?.buffer)
  })
})
