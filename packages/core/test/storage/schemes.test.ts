import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { isShoalError, type ShoalError } from '../../src/errors.js'
import { type PluginTable, pluginTable } from '../../src/registry.js'
import type { StorageProvider, StorageScheme } from '../../src/storage/contract.js'
import { isWritable } from '../../src/storage/contract.js'
import { createMemoryStorage, dropMemoryStorage } from '../../src/storage/memory.js'
import {
  findStorageScheme,
  knownSchemePackages,
  listStorageSchemes,
  openStorage,
  registerStorageScheme,
  storageScheme,
} from '../../src/storage/schemes.js'

let folder: string
const testSchemes: string[] = []

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'shoal-schemes-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})
afterEach(() => {
  listStorageSchemes() // creates and seeds the table if no test has yet
  const table = pluginTable<StorageScheme>('storage-schemes', 'DUPLICATE_SCHEME')
  for (const name of testSchemes.splice(0)) table.remove(name)
})

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<ShoalError> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    if (isShoalError(error)) return error
    throw error
  }
  throw new Error('expected a ShoalError')
}

function testScheme(name: string, extra: Partial<StorageScheme> = {}): StorageScheme {
  testSchemes.push(name)
  return { name, providedBy: '@test/storage', version: '1.0.0', open: () => createMemoryStorage(), ...extra }
}

describe('storageScheme', () => {
  it.each([
    ['/data/ds', 'file'],
    ['relative/ds', 'file'],
    ['./ds', 'file'],
    ['C:\\data\\ds', 'file'],
    ['C:/data/ds', 'file'],
    ['file:///data/ds', 'file'],
    ['FILE:///data/ds', 'file'],
    ['memory://x', 'memory'],
    ['s3://bucket/ds', 's3'],
    ['S3://bucket/ds', 's3'],
    ['gcs://bucket/ds', 'gcs'],
    ['my+scheme://x', 'my+scheme'],
  ])('%s -> %s', (url, scheme) => {
    expect(storageScheme(url)).toBe(scheme)
  })
})

describe('openStorage', () => {
  it('opens an absolute path as a local folder', async () => {
    const storage = await openStorage(join(folder, 'abs'))
    await storage.set!('k', new Uint8Array([1]))
    expect(storage.description).toBe(`local folder ${join(folder, 'abs')}`)
    expect(storage.getSync!('k')).toEqual(new Uint8Array([1]))
  })

  it('resolves a relative path against the working directory', async () => {
    await (await openStorage(join(folder, 'rel'))).set!('k', new Uint8Array([2]))
    const storage = await openStorage(relative(process.cwd(), join(folder, 'rel')))
    expect(storage.description).toBe(`local folder ${join(folder, 'rel')}`)
    expect(await storage.get('k')).toEqual(new Uint8Array([2]))
  })

  it('opens file:// URLs, including ones with escaped characters', async () => {
    const path = join(folder, 'with space')
    await (await openStorage(path)).set!('k', new Uint8Array([3]))
    const storage = await openStorage(pathToFileURL(path).href)
    expect(await storage.get('k')).toEqual(new Uint8Array([3]))
  })

  it('rejects file URLs that are not local', async () => {
    if (process.platform === 'win32') return
    expect((await failure(openStorage('file://otherhost/x'))).code).toBe('INVALID_ARGUMENT')
  })

  it('opens read-only local storage without set or delete', async () => {
    const storage = await openStorage(join(folder, 'abs'), { readOnly: true })
    expect(isWritable(storage)).toBe(false)
    expect(storage.delete).toBeUndefined()
    expect(await storage.get('k')).toEqual(new Uint8Array([1]))
  })

  it('reopens memory:// stores by name', async () => {
    const name = `reopen-${Math.random()}`
    const first = await openStorage(`memory://${name}`)
    await first.set!('dataset_meta.json', new Uint8Array([4]))
    const again = await openStorage(`memory://${name}/`)
    expect(await again.get('dataset_meta.json')).toEqual(new Uint8Array([4]))
    const readOnly = await openStorage(`memory://${name}`, { readOnly: true })
    expect(isWritable(readOnly)).toBe(false)
    expect(await readOnly.get('dataset_meta.json')).toEqual(new Uint8Array([4]))
    expect((await failure(openStorage('memory://'))).code).toBe('INVALID_ARGUMENT')
    dropMemoryStorage(name)
  })

  it('names the package to install for a known but unregistered scheme', async () => {
    const error = await failure(openStorage('s3://AKIAEXAMPLE:very-secret@bucket/ds'))
    expect(error.code).toBe('UNKNOWN_SCHEME')
    expect(error.message).toBe(
      'no storage is registered for "s3://…" URLs; install @shoal/storage-s3 and import "@shoal/storage-s3/register"',
    )
    expect(error.plugin).toBe('@shoal/storage-s3')
    expect(error.message).not.toContain('secret')
    for (const scheme of ['gs', 'gcs', 'gcp']) {
      expect((await failure(openStorage(`${scheme}://bucket/ds`))).message).toContain(
        '@shoal/storage-gcs/register',
      )
    }
  })

  it('lists the registered schemes for an unknown one', async () => {
    const error = await failure(openStorage('ftp://host/ds'))
    expect(error.code).toBe('UNKNOWN_SCHEME')
    expect(error.message).toContain('"ftp://…"')
    expect(error.message).toMatch(/registered schemes: .*file.*memory/)
  })

  it('opens registered schemes, passing the URL and options', async () => {
    const seen: unknown[] = []
    const storage = createMemoryStorage()
    registerStorageScheme(
      testScheme('test-open', {
        open: (url, options) => {
          seen.push(url, options)
          return storage
        },
      }),
    )
    const creds = { token: 't' }
    expect(await openStorage('TEST-OPEN://bucket/ds', { creds })).toBe(storage)
    expect(seen).toEqual(['TEST-OPEN://bucket/ds', { creds }])
    // readOnly is enforced even when a scheme ignores it.
    expect(isWritable(await openStorage('test-open://x', { readOnly: true }))).toBe(false)
  })

  it('wraps a scheme failure as STORAGE without echoing the URL', async () => {
    registerStorageScheme(
      testScheme('test-broken', {
        open: () => {
          throw new Error('boom')
        },
      }),
    )
    const error = await failure(openStorage('test-broken://user:hunter2@host/x'))
    expect(error.code).toBe('STORAGE')
    expect(error.message).not.toContain('hunter2')
    expect((error.cause as Error).message).toBe('boom')
  })

  it('rejects providers of another contract major', async () => {
    registerStorageScheme(
      testScheme('test-future', {
        open: () =>
          ({
            specVersion: 2,
            description: 'future',
            get: async () => undefined,
          }) as unknown as StorageProvider,
      }),
    )
    expect((await failure(openStorage('test-future://x'))).code).toBe('INCOMPATIBLE_PLUGIN')
  })
})

describe('registerStorageScheme', () => {
  it('is idempotent for the same definition or package@version', () => {
    const scheme = testScheme('test-idem')
    registerStorageScheme(scheme)
    registerStorageScheme(scheme)
    registerStorageScheme({ ...scheme }) // a second copy of the same package
    expect(findStorageScheme('test-idem')).toBe(scheme)
  })

  it('throws DUPLICATE_SCHEME for a different definition, unless override', async () => {
    const first = testScheme('test-dup')
    registerStorageScheme(first)
    const other = testScheme('test-dup', { providedBy: '@other/storage' })
    const error = await failure(() => registerStorageScheme(other))
    expect(error.code).toBe('DUPLICATE_SCHEME')
    expect(error.message).toContain('@test/storage')
    expect(error.message).toContain('@other/storage')
    expect(findStorageScheme('test-dup')).toBe(first)
    registerStorageScheme(other, { override: true })
    expect(findStorageScheme('test-dup')).toBe(other)
  })

  it('rejects invalid names', async () => {
    for (const name of ['', 'S3', 's3:', '3d', 'a b']) {
      expect(
        (await failure(() => registerStorageScheme({ name, open: () => createMemoryStorage() }))).code,
      ).toBe('INVALID_ARGUMENT')
    }
  })

  it('knows core schemes and the first-party packages', () => {
    expect(listStorageSchemes().map((s) => s.name)).toEqual(expect.arrayContaining(['file', 'memory']))
    expect(knownSchemePackages).toMatchObject({ s3: '@shoal/storage-s3', gs: '@shoal/storage-gcs' })
  })
})

describe('the shared registry', () => {
  it("lives on globalThis under Symbol.for('@shoal/core/registry@1')", () => {
    registerStorageScheme(testScheme('test-global'))
    const host = globalThis as unknown as Record<symbol, { tables: Map<string, PluginTable<StorageScheme>> }>
    const table = host[Symbol.for('@shoal/core/registry@1')]?.tables.get('storage-schemes')
    expect(table?.has('test-global')).toBe(true)
    expect(table?.has('memory')).toBe(true)
  })

  it('is shared with a second copy of core', async () => {
    registerStorageScheme(testScheme('test-first-copy'))
    vi.resetModules()
    // Fresh module instances: a second PluginTable class, a second schemes module.
    const registry2 = await import('../../src/registry.js')
    const schemes2 = await import('../../src/storage/schemes.js')
    expect(registry2.pluginTable).not.toBe(pluginTable)
    expect(schemes2.findStorageScheme('test-first-copy')?.providedBy).toBe('@test/storage')
    schemes2.registerStorageScheme(testScheme('test-second-copy'))
    expect(findStorageScheme('test-second-copy')).toBeDefined()
    const table2 = registry2.pluginTable<StorageScheme>('storage-schemes', 'DUPLICATE_SCHEME')
    expect(table2.has('test-first-copy')).toBe(true)
  })
})
