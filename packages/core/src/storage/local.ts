import { unlink } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { ShoalError } from '../errors.js'
import type { ByteRange, CallOptions, StorageProvider } from './contract.js'
import { normalizeKey, normalizePrefix } from './contract.js'
import { errnoCode, fileError } from './fs-errors.js'
import { walkFiles } from './local-list.js'
import { readWholeFile, readWholeFileSync } from './local-read.js'
import { writeFileAtomic } from './local-write.js'
import { OpenFiles } from './open-files.js'
import { checkRange } from './range.js'

/** Options of {@link createLocalStorage}. */
export interface LocalStorageOptions {
  /** Open without write access: the provider has no `set` or `delete` members at all. */
  readonly readOnly?: boolean
  /**
   * fsync each written file and its folder before `set` resolves, so writes survive a power cut.
   * Off by default: it is much slower, and a crash still never leaves a half-written file.
   */
  readonly durable?: boolean
}

/**
 * Storage in a local folder: key `a/b` is the file `<root>/a/b`. Writes are atomic (temp file +
 * rename), reads of a missing file or a folder resolve `undefined`, and every other failure throws
 * STORAGE with the key and the original error as `cause`.
 */
export function createLocalStorage(root: string, options: LocalStorageOptions = {}): StorageProvider {
  const folder = resolve(root)
  const description = `local folder ${folder}`

  // Random reads ask for the same few chunk keys over and over: resolve each key once.
  const resolved = new Map<string, { key: string; path: string }>()
  const pathOf = (key: string): { key: string; path: string } => {
    let target = resolved.get(key)
    if (!target) {
      target = resolvePath(key)
      if (resolved.size >= 4096) resolved.clear()
      resolved.set(key, target)
    }
    return target
  }

  const resolvePath = (key: string): { key: string; path: string } => {
    const normalized = normalizeKey(key)
    const segments = normalized.split('/')
    // On Windows '\' also separates folders, which would let a segment step outside its place.
    if (sep !== '/' && segments.some((segment) => segment.includes(sep))) {
      throw new ShoalError('INVALID_ARGUMENT', `storage key "${normalized}" contains "${sep}"`, {
        key: normalized,
      })
    }
    return { key: normalized, path: join(folder, ...segments) }
  }

  const openFiles = new OpenFiles()

  const reader: StorageProvider = {
    specVersion: 1,
    description,
    async get(key: string, callOptions?: CallOptions) {
      const target = pathOf(key)
      try {
        return await readWholeFile(target.path, callOptions)
      } catch (error) {
        throw fileError('read', target.key, description, error)
      }
    },
    async getRange(key: string, range: ByteRange, callOptions?: CallOptions) {
      checkRange(range)
      const target = pathOf(key)
      try {
        callOptions?.signal?.throwIfAborted()
        return await openFiles.read(target.path, range)
      } catch (error) {
        throw fileError('read', target.key, description, error)
      }
    },
    getSync(key: string) {
      const target = pathOf(key)
      try {
        return readWholeFileSync(target.path)
      } catch (error) {
        throw fileError('read', target.key, description, error)
      }
    },
    getRangeSync(key: string, range: ByteRange) {
      checkRange(range)
      const target = pathOf(key)
      try {
        return openFiles.readSync(target.path, range)
      } catch (error) {
        throw fileError('read', target.key, description, error)
      }
    },
    readIntoSync(key: string, offset: number, into: Uint8Array) {
      checkRange({ offset, length: into.byteLength })
      const target = pathOf(key)
      try {
        return openFiles.readIntoSync(target.path, offset, into)
      } catch (error) {
        throw fileError('read', target.key, description, error)
      }
    },
    list(prefix: string, callOptions?: CallOptions) {
      const normalized = normalizePrefix(prefix)
      return listing(folder, normalized, description, callOptions?.signal)
    },
    async close() {
      openFiles.closeAll()
    },
  }
  if (options.readOnly) return reader

  return {
    ...reader,
    async set(key: string, bytes: Uint8Array, callOptions?: CallOptions) {
      const target = pathOf(key)
      openFiles.forget(target.path)
      try {
        await writeFileAtomic(target.path, bytes, { durable: options.durable, signal: callOptions?.signal })
      } catch (error) {
        throw fileError('write', target.key, description, error)
      }
    },
    async delete(key: string, callOptions?: CallOptions) {
      const target = pathOf(key)
      callOptions?.signal?.throwIfAborted()
      openFiles.forget(target.path)
      try {
        await unlink(target.path)
      } catch (error) {
        // Nothing there, or a folder (which is not a key): either way the key is absent.
        const code = errnoCode(error)
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return
        throw fileError('delete', target.key, description, error)
      }
    },
  }
}

async function* listing(
  folder: string,
  prefix: string,
  description: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<string> {
  try {
    yield* walkFiles(folder, prefix, signal)
  } catch (error) {
    throw fileError('list', prefix, description, error)
  }
}
