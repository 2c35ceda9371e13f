import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLocalStorage, isShoalError } from '../../src/index.js'
import { cleanTemps, tempDir } from '../helpers/fixtures.js'

afterAll(cleanTemps)

describe('local storage readIntoSync', () => {
  it('reads into the caller buffer, short at the end of the file, undefined when missing', async () => {
    const root = await tempDir()
    await writeFile(
      join(root, 'k'),
      Uint8Array.from({ length: 100 }, (_, i) => i),
    )
    const storage = createLocalStorage(root)
    const into = new Uint8Array(10).fill(255)
    expect(storage.readIntoSync!('k', 20, into)).toBe(10)
    expect(Array.from(into)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
    expect(storage.readIntoSync!('k', 95, into)).toBe(5)
    expect(Array.from(into.subarray(0, 5))).toEqual([95, 96, 97, 98, 99])
    expect(storage.readIntoSync!('k', 200, into)).toBe(0)
    expect(storage.readIntoSync!('missing', 0, into)).toBeUndefined()
    const bad = (() => {
      try {
        return storage.readIntoSync!('k', -1, into)
      } catch (error) {
        return error
      }
    })()
    expect(isShoalError(bad) && bad.code).toBe('INVALID_ARGUMENT')
    await storage.close?.()
  })

  it('sees a file rewritten through set', async () => {
    const storage = createLocalStorage(await tempDir())
    await storage.set!('a/b', new Uint8Array([1, 2, 3]))
    const into = new Uint8Array(3)
    expect(storage.readIntoSync!('a/b', 0, into)).toBe(3)
    await storage.set!('a/b', new Uint8Array([7, 8, 9, 10]))
    expect(storage.readIntoSync!('a/b', 1, into)).toBe(3)
    expect(Array.from(into)).toEqual([8, 9, 10])
    await storage.close?.()
  })
})
