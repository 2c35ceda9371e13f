import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isShoalError } from '../../src/errors.js'
import { isWritable } from '../../src/storage/contract.js'
import { createLocalStorage } from '../../src/storage/local.js'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'shoal-local-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const keys: string[] = []
  for await (const key of iterable) keys.push(key)
  return keys
}

describe('createLocalStorage', () => {
  it('writes atomically: a reader polling during 200 rewrites of 1 MB sees only whole versions', async () => {
    const storage = createLocalStorage(folder)
    const size = 1024 * 1024
    const version = (i: number) => new Uint8Array(size).fill(i % 251)
    await storage.set!('big/chunk', version(0))

    let writing = true
    let reads = 0
    const check = (bytes: Uint8Array | undefined) => {
      expect(bytes?.byteLength).toBe(size)
      // Every byte equals its neighbour, so all equal the first: one memcmp instead of a JS loop.
      const all = Buffer.from(bytes!.buffer, bytes!.byteOffset, bytes!.byteLength)
      expect(all.subarray(1).equals(all.subarray(0, -1))).toBe(true)
      reads++
    }
    const asyncReader = (async () => {
      while (writing) check(await storage.get('big/chunk'))
    })()
    const syncReader = (async () => {
      while (writing) {
        check(storage.getSync!('big/chunk'))
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const rangeReader = (async () => {
      while (writing) {
        const tail = await storage.getRange!('big/chunk', { suffix: 16 })
        expect(tail?.byteLength).toBe(16)
      }
    })()

    try {
      for (let i = 1; i <= 200; i++) await storage.set!('big/chunk', version(i))
    } finally {
      writing = false
    }
    await Promise.all([asyncReader, syncReader, rangeReader])

    expect(reads).toBeGreaterThan(0)
    expect((await storage.get('big/chunk'))![0]).toBe(200 % 251)
    expect(await readdir(join(folder, 'big'))).toEqual(['chunk'])
  })

  it('writes a file of several 1 MiB pieces byte for byte, and an aborted write keeps the old file', async () => {
    const storage = createLocalStorage(folder)
    const size = 3.5 * 1024 * 1024 + 7
    // Every byte depends on its position and its MiB, so a piece written at the wrong offset shows.
    const pattern = (seed: number) =>
      Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 20) + seed) & 255)
    await storage.set!('pieces', pattern(0))
    expect(Buffer.compare((await storage.get('pieces'))!, pattern(0))).toBe(0)

    const controller = new AbortController()
    controller.abort()
    const aborted = await storage.set!('pieces', pattern(1), { signal: controller.signal }).catch(
      (e: unknown) => e,
    )
    expect(aborted).toBeInstanceOf(Error)
    expect(Buffer.compare((await storage.get('pieces'))!, pattern(0))).toBe(0)
    expect(await readdir(folder)).toEqual(['pieces'])
  })

  it('leaves no temp files after parallel writes of one key', async () => {
    const storage = createLocalStorage(folder)
    await Promise.all(Array.from({ length: 30 }, (_, i) => storage.set!('one', new Uint8Array(100).fill(i))))
    expect(await readdir(folder)).toEqual(['one'])
  })

  it('reports a failed write as STORAGE with the key and cause, and removes its temp file', async () => {
    const storage = createLocalStorage(folder)
    await storage.set!('file', new Uint8Array([1]))
    // "file" is a file, so "file/child" cannot be created.
    const error = await storage.set!('file/child', new Uint8Array([2])).catch((e: unknown) => e)
    expect(isShoalError(error, 'STORAGE')).toBe(true)
    expect((error as { key?: string }).key).toBe('file/child')
    expect((error as Error).cause).toBeDefined()
    expect((error as Error).message).toContain('file/child')

    // Writing over a folder fails at the rename, after the temp file exists.
    await mkdir(join(folder, 'dir'))
    await writeFile(join(folder, 'dir', 'inside'), 'x')
    const overFolder = await storage.set!('dir', new Uint8Array([3])).catch((e: unknown) => e)
    expect(isShoalError(overFolder, 'STORAGE')).toBe(true)
    expect((await readdir(folder)).sort()).toEqual(['dir', 'file'])
  })

  it('treats folders and paths through files as missing', async () => {
    const storage = createLocalStorage(folder)
    await storage.set!('a/b', new Uint8Array([1]))
    expect(await storage.get('a')).toBeUndefined()
    expect(await storage.getRange!('a', { offset: 0, length: 1 })).toBeUndefined()
    expect(storage.getSync!('a')).toBeUndefined()
    expect(storage.getRangeSync!('a', { suffix: 1 })).toBeUndefined()
    expect(await storage.get('a/b/c')).toBeUndefined()
    expect(storage.getSync!('a/b/c')).toBeUndefined()
    await storage.delete!('a') // a folder is not a key: nothing to delete
    await storage.delete!('a/b/c')
    expect(await storage.get('a/b')).toEqual(new Uint8Array([1]))
  })

  it('lists nothing for a root that does not exist yet, and creates it on first write', async () => {
    const storage = createLocalStorage(join(folder, 'not', 'yet'))
    expect(await collect(storage.list!(''))).toEqual([])
    await storage.set!('k', new Uint8Array([1]))
    expect(await collect(storage.list!(''))).toEqual(['k'])
  })

  it('skips temp files of in-flight writes when listing, and follows links to files', async () => {
    const storage = createLocalStorage(folder)
    await storage.set!('t/real', new Uint8Array([1]))
    await writeFile(join(folder, 't', '.real.tmp-123-abcdef'), 'partial')
    await symlink(join(folder, 't', 'real'), join(folder, 't', 'linked'))
    expect(await collect(storage.list!(''))).toEqual(['t/linked', 't/real'])
  })

  it('keeps keys inside the root', async () => {
    const storage = createLocalStorage(join(folder, 'inner'))
    await writeFile(join(folder, 'secret'), 'x')
    const error = await storage.get('../secret').catch((e: unknown) => e)
    expect(isShoalError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it('describes itself by its folder', () => {
    expect(createLocalStorage(folder).description).toBe(`local folder ${folder}`)
  })

  it('has no set or delete when read-only', async () => {
    await createLocalStorage(folder).set!('k', new Uint8Array([5]))
    const storage = createLocalStorage(folder, { readOnly: true })
    expect(isWritable(storage)).toBe(false)
    expect(storage.set).toBeUndefined()
    expect(storage.delete).toBeUndefined()
    expect('set' in storage).toBe(false)
    expect(await storage.get('k')).toEqual(new Uint8Array([5]))
    expect(storage.getSync!('k')).toEqual(new Uint8Array([5]))
    expect(await collect(storage.list!(''))).toEqual(['k'])
  })

  it('reads ranges of large files without reading them whole', async () => {
    const storage = createLocalStorage(folder)
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 256)
    await storage.set!('big', big)
    const part = await storage.getRange!('big', { offset: 2 * 1024 * 1024 + 5, length: 4 })
    expect(part).toEqual(big.subarray(2 * 1024 * 1024 + 5, 2 * 1024 * 1024 + 9))
    // A range result owns a buffer of its own size.
    expect(part?.buffer.byteLength).toBe(4)
  })
})
