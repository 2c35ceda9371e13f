import { describe, expect, it } from 'vitest'
import { isShoalError } from '../../src/errors.js'
import { withLruCache } from '../../src/storage/cache.js'
import type { StorageProvider } from '../../src/storage/contract.js'
import { createMemoryStorage } from '../../src/storage/memory.js'

/** A memory store that counts the calls reaching it. */
function counted() {
  const inner = createMemoryStorage()
  const calls = { get: 0, getSync: 0, getRange: 0 }
  const storage: StorageProvider = {
    ...inner,
    get: (key, options) => {
      calls.get++
      return inner.get(key, options)
    },
    getSync: (key) => {
      calls.getSync++
      return inner.getSync!(key)
    },
    getRange: (key, range, options) => {
      calls.getRange++
      return inner.getRange!(key, range, options)
    },
  }
  return { inner, storage, calls }
}

const filled = (length: number, value: number) => new Uint8Array(length).fill(value)

describe('withLruCache', () => {
  it('evicts the least recently used entries to stay within maxBytes, and counts', async () => {
    const { inner, storage, calls } = counted()
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      await inner.set!(key, filled(4, value))
    const cached = withLruCache(storage, { maxBytes: 10 })

    await cached.get('a')
    await cached.get('b')
    expect(cached.stats).toEqual({ hits: 0, misses: 2, bytes: 8 })
    await cached.get('a') // hit; now b is the least recently used
    expect(cached.stats).toEqual({ hits: 1, misses: 2, bytes: 8 })
    await cached.get('c') // 12 bytes > 10: b goes
    expect(cached.stats).toEqual({ hits: 1, misses: 3, bytes: 8 })
    expect(calls.get).toBe(3)

    await cached.get('a')
    await cached.get('c')
    expect(calls.get).toBe(3)
    await cached.get('b')
    expect(calls.get).toBe(4)
    expect(cached.stats).toEqual({ hits: 3, misses: 4, bytes: 8 })
  })

  it('does not cache objects larger than maxBytes, nor missing keys', async () => {
    const { inner, storage, calls } = counted()
    await inner.set!('huge', filled(11, 1))
    const cached = withLruCache(storage, { maxBytes: 10 })
    await cached.get('huge')
    await cached.get('huge')
    await cached.get('missing')
    await cached.get('missing')
    expect(calls.get).toBe(4)
    expect(cached.stats.bytes).toBe(0)
    await inner.set!('missing', filled(1, 1))
    expect(await cached.get('missing')).toEqual(filled(1, 1))
  })

  it('writes through on set, caching a copy of the new bytes', async () => {
    const { inner, storage, calls } = counted()
    const cached = withLruCache(storage, { maxBytes: 100 })
    const buffer = filled(5, 7)
    await cached.set!('k', buffer)
    buffer.fill(0)
    expect(await inner.get('k')).toEqual(filled(5, 7))
    expect(await cached.get('k')).toEqual(filled(5, 7))
    expect(calls.get).toBe(0)
    expect(cached.stats).toEqual({ hits: 1, misses: 0, bytes: 5 })
  })

  it('invalidates on delete', async () => {
    const { storage } = counted()
    const cached = withLruCache(storage, { maxBytes: 100 })
    await cached.set!('k', filled(3, 1))
    await cached.delete!('k')
    expect(cached.stats.bytes).toBe(0)
    expect(await cached.get('k')).toBeUndefined()
  })

  it('shares one inner call among concurrent gets of an uncached key', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let innerCalls = 0
    const slow: StorageProvider = {
      specVersion: 1,
      description: 'slow',
      get: async () => {
        innerCalls++
        await gate
        return filled(4, 9)
      },
    }
    const cached = withLruCache(slow, { maxBytes: 100 })
    const reads = Array.from({ length: 10 }, () => cached.get('k'))
    // Different spellings of one key share the call too.
    reads.push(cached.get('/k'))
    release()
    const results = await Promise.all(reads)
    expect(innerCalls).toBe(1)
    for (const result of results) expect(result).toBe(results[0])
    expect(cached.stats.misses).toBe(1)
  })

  it('lets one waiter abort without failing the others', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const slow: StorageProvider = {
      specVersion: 1,
      description: 'slow',
      get: async () => {
        await gate
        return filled(2, 1)
      },
    }
    const cached = withLruCache(slow, { maxBytes: 100 })
    const controller = new AbortController()
    const aborted = cached.get('k', { signal: controller.signal })
    const other = cached.get('k')
    controller.abort(new Error('gave up'))
    await expect(aborted).rejects.toThrow('gave up')
    release()
    expect(await other).toEqual(filled(2, 1))
  })

  it('does not let a read that raced a write cache stale bytes', async () => {
    const inner = createMemoryStorage()
    await inner.set!('k', filled(2, 1))
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const slowGet: StorageProvider = {
      ...inner,
      get: async (key) => {
        const value = await inner.get(key) // the old value, read before the write
        await gate
        return value
      },
    }
    const cached = withLruCache(slowGet, { maxBytes: 100 })
    const stale = cached.get('k')
    await cached.set!('k', filled(2, 2))
    release()
    expect(await stale).toEqual(filled(2, 1))
    expect(await cached.get('k')).toEqual(filled(2, 2))
  })

  it('serves ranges from a cached object, and passes them through otherwise', async () => {
    const { inner, storage, calls } = counted()
    await inner.set!('k', new Uint8Array([0, 1, 2, 3, 4]))
    const cached = withLruCache(storage, { maxBytes: 100 })
    expect(await cached.getRange!('k', { offset: 1, length: 2 })).toEqual(new Uint8Array([1, 2]))
    expect(calls.getRange).toBe(1)
    await cached.get('k')
    expect(await cached.getRange!('k', { suffix: 2 })).toEqual(new Uint8Array([3, 4]))
    expect(cached.getRangeSync!('k', { offset: 4, length: 9 })).toEqual(new Uint8Array([4]))
    expect(calls.getRange).toBe(1)
  })

  it('caches getSync reads too', async () => {
    const { inner, storage, calls } = counted()
    await inner.set!('k', filled(3, 3))
    const cached = withLruCache(storage, { maxBytes: 100 })
    expect(cached.getSync!('k')).toEqual(filled(3, 3))
    expect(cached.getSync!('k')).toEqual(filled(3, 3))
    expect(calls.getSync).toBe(1)
    expect(cached.stats).toEqual({ hits: 1, misses: 1, bytes: 3 })
  })

  it('offers only the capabilities of the provider it wraps', () => {
    const getOnly: StorageProvider = { specVersion: 1, description: 'get only', get: async () => undefined }
    const cached = withLruCache(getOnly, { maxBytes: 10 })
    expect(cached.set).toBeUndefined()
    expect(cached.delete).toBeUndefined()
    expect(cached.getRange).toBeUndefined()
    expect(cached.getSync).toBeUndefined()
    expect(cached.description).toBe('get only')
  })

  it('rejects a bad budget', () => {
    const error = (() => {
      try {
        withLruCache(createMemoryStorage(), { maxBytes: Number.NaN })
      } catch (e) {
        return e
      }
    })()
    expect(isShoalError(error, 'INVALID_ARGUMENT')).toBe(true)
  })
})
