import { describe, expect, it } from 'vitest'
import { isShoalError } from '../../src/errors.js'
import type { StorageProvider } from '../../src/storage/contract.js'
import { isWritable, normalizeKey, normalizePrefix, readRange } from '../../src/storage/contract.js'
import { createMemoryStorage } from '../../src/storage/memory.js'
import { asReadOnly } from '../../src/storage/read-only.js'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return isShoalError(error) ? error.code : 'not a ShoalError'
  }
  return undefined
}

describe('normalizeKey', () => {
  it.each([
    ['a/b', 'a/b'],
    ['/a/b', 'a/b'],
    ['//a///b', 'a/b'],
    ['a/b/', 'a/b'],
    ['./a/./b', 'a/b'],
    ['dataset_meta.json', 'dataset_meta.json'],
    ['..a/b..', '..a/b..'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeKey(input)).toBe(expected)
  })

  it.each(['', '/', '//', '.', '..', '../a', 'a/../b', 'a/..', 'a\0b'])('rejects %j', (input) => {
    expect(codeOf(() => normalizeKey(input))).toBe('INVALID_ARGUMENT')
  })
})

describe('normalizePrefix', () => {
  it('allows the empty prefix and keeps a trailing slash', () => {
    expect(normalizePrefix('')).toBe('')
    expect(normalizePrefix('/')).toBe('')
    expect(normalizePrefix('a/')).toBe('a/')
    expect(normalizePrefix('/a//b/')).toBe('a/b/')
    expect(normalizePrefix('ab')).toBe('ab')
    expect(codeOf(() => normalizePrefix('a/../'))).toBe('INVALID_ARGUMENT')
  })
})

describe('readRange', () => {
  it('falls back to get + subarray for providers without getRange', async () => {
    const calls: string[] = []
    const bytes = new Uint8Array([10, 11, 12, 13])
    const provider: StorageProvider = {
      specVersion: 1,
      description: 'get only',
      get: async (key) => {
        calls.push(key)
        return key === 'k' ? bytes : undefined
      },
    }
    expect(await readRange(provider, 'k', { offset: 1, length: 2 })).toEqual(new Uint8Array([11, 12]))
    expect(await readRange(provider, 'k', { suffix: 1 })).toEqual(new Uint8Array([13]))
    expect(await readRange(provider, 'nope', { suffix: 1 })).toBeUndefined()
    expect(calls).toEqual(['k', 'k', 'nope'])
  })

  it('prefers getRange', async () => {
    const provider: StorageProvider = {
      specVersion: 1,
      description: 'ranged',
      get: async () => expect.fail('get should not be called'),
      getRange: async () => new Uint8Array([7]),
    }
    expect(await readRange(provider, 'k', { offset: 0, length: 1 })).toEqual(new Uint8Array([7]))
  })
})

describe('isWritable and asReadOnly', () => {
  it('tell and remove write capabilities', async () => {
    const storage = createMemoryStorage()
    await storage.set!('k', new Uint8Array([1]))
    expect(isWritable(storage)).toBe(true)
    const readOnly = asReadOnly(storage)
    expect(isWritable(readOnly)).toBe(false)
    expect('set' in readOnly).toBe(false)
    expect('delete' in readOnly).toBe(false)
    expect(await readOnly.get('k')).toEqual(new Uint8Array([1]))
    expect(readOnly.list).toBeDefined()
  })
})
