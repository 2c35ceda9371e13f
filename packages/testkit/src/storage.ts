import type { ByteRange, StorageProvider } from '@shoal/core/plugin'
import { isShoalError, isWritable, readRange } from '@shoal/core/plugin'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/** What a conformance factory returns: a fresh, empty, writable provider and how to dispose of it. */
export interface ConformanceSubject {
  readonly storage: StorageProvider
  readonly cleanup?: () => Promise<void>
}

const bytesOf = (...values: number[]) => new Uint8Array(values)
const text = (value: string) => new TextEncoder().encode(value)

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const keys: string[] = []
  for await (const key of iterable) keys.push(key)
  return keys.sort()
}

async function expectCode(promise: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    expect(isShoalError(error), String(error)).toBe(true)
    expect((error as { code: string }).code).toBe(code)
    return
  }
  expect.fail(`expected a ${code} error`)
}

/**
 * The behaviour every writable {@link StorageProvider} must show. `factory` is called once per test
 * and must return an empty store.
 */
export function describeStorageConformance(name: string, factory: () => Promise<ConformanceSubject>): void {
  describe(`storage conformance: ${name}`, () => {
    let subject: ConformanceSubject
    let storage: StorageProvider
    // Non-null: the suite requires a writable store, checked in the first test.
    const set = (key: string, bytes: Uint8Array) => storage.set!(key, bytes)

    beforeEach(async () => {
      subject = await factory()
      storage = subject.storage
    })
    afterEach(async () => {
      await storage.close?.()
      await subject.cleanup?.()
    })

    it('follows contract 1, describes itself and is writable', () => {
      expect(storage.specVersion).toBe(1)
      expect(typeof storage.description).toBe('string')
      expect(storage.description.length).toBeGreaterThan(0)
      expect(isWritable(storage)).toBe(true)
    })

    it('resolves undefined for missing keys', async () => {
      expect(await storage.get('missing')).toBeUndefined()
      expect(await storage.get('no/such/nested/key')).toBeUndefined()
      expect(await readRange(storage, 'missing', { offset: 0, length: 4 })).toBeUndefined()
      expect(await storage.getRange?.('missing', { suffix: 2 })).toBeUndefined()
      expect(storage.getSync?.('missing')).toBeUndefined()
      expect(storage.getRangeSync?.('missing', { offset: 0, length: 1 })).toBeUndefined()
    })

    it('round-trips every byte value', async () => {
      const all = new Uint8Array(256).map((_, i) => i)
      await set('binary', all)
      const got = await storage.get('binary')
      expect(got).toBeInstanceOf(Uint8Array)
      expect(got).toEqual(all)
      if (storage.getSync) expect(storage.getSync('binary')).toEqual(all)
    })

    it('stores an empty value as an empty array, not as missing', async () => {
      await set('empty', new Uint8Array(0))
      const got = await storage.get('empty')
      expect(got).toBeInstanceOf(Uint8Array)
      expect(got?.byteLength).toBe(0)
      expect(await readRange(storage, 'empty', { suffix: 3 })).toEqual(new Uint8Array(0))
      expect(await collect(storage.list!(''))).toEqual(['empty'])
    })

    it('overwrites, including with a shorter value', async () => {
      await set('k', text('a longer first value'))
      await set('k', text('short'))
      expect(await storage.get('k')).toEqual(text('short'))
    })

    it('keeps its own copy of the bytes it was given', async () => {
      const buffer = bytesOf(1, 2, 3)
      await set('copied', buffer)
      buffer.fill(9)
      expect(await storage.get('copied')).toEqual(bytesOf(1, 2, 3))
    })

    it('stores the bytes of a view, not its whole buffer', async () => {
      const backing = bytesOf(0, 1, 2, 3, 4, 5, 6, 7)
      await set('view', backing.subarray(2, 5))
      expect(await storage.get('view')).toEqual(bytesOf(2, 3, 4))
    })

    it("treats keys with '/' as nested and normalises them", async () => {
      await set('a/b/c.json', text('{}'))
      expect(await storage.get('a/b/c.json')).toEqual(text('{}'))
      expect(await storage.get('/a//b/./c.json')).toEqual(text('{}'))
      await set('//x//y', text('y'))
      expect(await storage.get('x/y')).toEqual(text('y'))
      // A "folder" is not a key.
      expect(await storage.get('a/b')).toBeUndefined()
      expect(await storage.get('a')).toBeUndefined()
    })

    it('rejects empty keys and ".." segments with INVALID_ARGUMENT', async () => {
      for (const key of ['', '/', '..', '../outside', 'a/../../b', 'a/..']) {
        await expectCode(storage.get(key), 'INVALID_ARGUMENT')
        await expectCode(set(key, bytesOf(1)), 'INVALID_ARGUMENT')
      }
      await expectCode(async () => storage.list!('../x')[Symbol.asyncIterator]().next(), 'INVALID_ARGUMENT')
    })

    describe('ranges', () => {
      const ten = new Uint8Array(10).map((_, i) => i)
      const cases: Array<[string, ByteRange, number[]]> = [
        ['offset and length', { offset: 2, length: 3 }, [2, 3, 4]],
        ['from the start', { offset: 0, length: 1 }, [0]],
        ['the whole object', { offset: 0, length: 10 }, [...ten]],
        ['zero length', { offset: 4, length: 0 }, []],
        ['a suffix', { suffix: 3 }, [7, 8, 9]],
        ['an empty suffix', { suffix: 0 }, []],
        ['past the end (clamped)', { offset: 8, length: 5 }, [8, 9]],
        ['starting at the end', { offset: 10, length: 5 }, []],
        ['starting past the end', { offset: 50, length: 5 }, []],
        ['a suffix longer than the object', { suffix: 50 }, [...ten]],
      ]

      for (const [label, range, expected] of cases) {
        it(`reads ${label}`, async () => {
          await set('r/ten', ten)
          expect(await readRange(storage, 'r/ten', range)).toEqual(new Uint8Array(expected))
          if (storage.getRange)
            expect(await storage.getRange('r/ten', range)).toEqual(new Uint8Array(expected))
          if (storage.getRangeSync)
            expect(storage.getRangeSync('r/ten', range)).toEqual(new Uint8Array(expected))
        })
      }

      it('rejects negative or fractional ranges', async () => {
        await set('r/ten', ten)
        const bad: ByteRange[] = [
          { offset: -1, length: 2 },
          { offset: 0, length: -1 },
          { offset: 1.5, length: 1 },
          { suffix: -2 },
        ]
        for (const range of bad) {
          await expectCode(readRange(storage, 'r/ten', range), 'INVALID_ARGUMENT')
          if (storage.getRange) await expectCode(storage.getRange('r/ten', range), 'INVALID_ARGUMENT')
        }
      })
    })

    it('deletes, and deleting a missing key is fine', async () => {
      await set('d/one', bytesOf(1))
      await set('d/two', bytesOf(2))
      await storage.delete!('d/one')
      expect(await storage.get('d/one')).toBeUndefined()
      expect(await storage.get('d/two')).toEqual(bytesOf(2))
      await storage.delete!('d/one')
      await storage.delete!('never/existed')
      expect(await collect(storage.list!('d/'))).toEqual(['d/two'])
    })

    it('lists keys under nested prefixes, relative to the root', async () => {
      const keys = ['a/b/c', 'a/b/d', 'a/e', 'ab', 'abc/x', 'z', 'deep/1/2/3/4/leaf']
      for (const key of keys) await set(key, text(key))
      expect(await collect(storage.list!(''))).toEqual([...keys].sort())
      expect(await collect(storage.list!('a/'))).toEqual(['a/b/c', 'a/b/d', 'a/e'])
      expect(await collect(storage.list!('a/b/'))).toEqual(['a/b/c', 'a/b/d'])
      expect(await collect(storage.list!('/a//b/'))).toEqual(['a/b/c', 'a/b/d'])
      // A prefix is a string prefix of the key, as on object stores.
      expect(await collect(storage.list!('a'))).toEqual(['a/b/c', 'a/b/d', 'a/e', 'ab', 'abc/x'])
      expect(await collect(storage.list!('ab'))).toEqual(['ab', 'abc/x'])
      expect(await collect(storage.list!('a/b/c'))).toEqual(['a/b/c'])
      expect(await collect(storage.list!('deep/1/2/'))).toEqual(['deep/1/2/3/4/leaf'])
      expect(await collect(storage.list!('nothing/'))).toEqual([])
      expect(await collect(storage.list!('z/'))).toEqual([])
    })

    it('lets a caller stop listing early', async () => {
      for (let i = 0; i < 5; i++) await set(`many/${i}`, bytesOf(i))
      const seen: string[] = []
      for await (const key of storage.list!('many/')) {
        seen.push(key)
        if (seen.length === 2) break
      }
      expect(seen).toHaveLength(2)
    })

    it('handles 50 parallel sets of different keys', async () => {
      const keys = Array.from({ length: 50 }, (_, i) => `par/${i % 5}/${i}`)
      await Promise.all(keys.map((key, i) => set(key, new Uint8Array(1000 + i).fill(i))))
      const values = await Promise.all(keys.map((key) => storage.get(key)))
      values.forEach((value, i) => {
        expect(value?.byteLength).toBe(1000 + i)
        expect(value?.every((b) => b === i)).toBe(true)
      })
      expect(await collect(storage.list!('par/'))).toEqual([...keys].sort())
    })

    it('ends 50 parallel sets of one key with one whole value', async () => {
      await Promise.all(Array.from({ length: 50 }, (_, i) => set('same', new Uint8Array(500 + i).fill(i))))
      const value = await storage.get('same')
      expect(value).toBeDefined()
      const i = value![0]!
      expect(value!.byteLength).toBe(500 + i)
      expect(value!.every((b) => b === i)).toBe(true)
      expect(await collect(storage.list!(''))).toEqual(['same'])
    })

    it('rejects calls whose signal is already aborted', async () => {
      await set('aborted', bytesOf(1))
      const signal = AbortSignal.abort(new Error('stop'))
      await expect(storage.get('aborted', { signal })).rejects.toThrow()
      await expect(storage.set!('aborted', bytesOf(2), { signal })).rejects.toThrow()
      expect(await storage.get('aborted')).toEqual(bytesOf(1))
    })
  })
}
