import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { errnoCode } from './fs-errors.js'

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** fsync the file before the rename and its folder after, so the write survives a power cut. */
  readonly durable?: boolean
  readonly signal?: AbortSignal
}

// `.<base>.tmp-<pid>-<hex>`: unique per process and call, hidden, and recognisable by `list`.
const TEMP_NAME = /^\..*\.tmp-\d+-[0-9a-f]+$/

/** True for the names of temp files {@link writeFileAtomic} creates (and may leave after a crash). */
export function isTempFileName(name: string): boolean {
  return TEMP_NAME.test(name)
}

function tempPathFor(path: string): string {
  // Keep the name under the usual 255-byte limit however long the target's name is.
  const base = basename(path).slice(0, 200)
  return join(dirname(path), `.${base}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`)
}

/** Folders this process created or found, so most writes skip the mkdir call. Bounded. */
const knownFolders = new Set<string>()

function rememberFolder(folder: string): void {
  if (knownFolders.size >= 10_000) knownFolders.clear()
  knownFolders.add(folder)
}

/**
 * Writes `bytes` to `path` so that readers see the old file or the new one, never a partial one:
 * the bytes go to a temp file in the same folder, which is then renamed over the target. Parent
 * folders are created as needed; on failure the temp file is removed.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}) {
  const { durable = false, signal } = options
  signal?.throwIfAborted()
  if (!durable && bytes.byteLength <= SYNC_WRITE_LIMIT) return writeSmallFileAtomicSync(path, bytes)
  const folder = dirname(path)
  if (!knownFolders.has(folder)) {
    await mkdir(folder, { recursive: true })
    rememberFolder(folder)
  }
  const temp = tempPathFor(path)
  try {
    let handle: Handle
    try {
      handle = await open(temp, 'wx')
    } catch (error) {
      // The folder was removed since we created it: make it again, once.
      if (errnoCode(error) !== 'ENOENT') throw error
      knownFolders.delete(folder)
      await mkdir(folder, { recursive: true })
      handle = await open(temp, 'wx')
    }
    try {
      await writePieces(handle, bytes, signal)
      if (durable) await handle.sync()
    } finally {
      await handle.close()
    }
    signal?.throwIfAborted()
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {})
    throw error
  }
  if (durable) await syncFolder(folder)
}

/**
 * Bytes per write call. A single multi-megabyte write() now and then stalls for 0.3-0.8 s in the
 * kernel (3 of 12 rounds of 48 files written 8 MiB at a time on the project VM; the page cache
 * allocating large folios is the likely cause), where 1 MiB writes never did. The pieces of one file are
 * written at once, at their own offsets, so they cost no extra round trips through the thread pool
 * one after another.
 */
const WRITE_PIECE = 1 << 20

type Handle = Awaited<ReturnType<typeof open>>

async function writePieces(handle: Handle, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
  const pieces: Promise<void>[] = []
  for (let at = 0; at < bytes.byteLength; at += WRITE_PIECE)
    pieces.push(writeRange(handle, bytes, at, Math.min(at + WRITE_PIECE, bytes.byteLength), signal))
  // Every piece settles before the handle is closed; the first failure is reported.
  const failed = (await Promise.allSettled(pieces)).find((r) => r.status === 'rejected')
  if (failed) throw (failed as PromiseRejectedResult).reason
}

/** Writes `bytes[from, to)` at the same offsets of the file, looping over short writes. */
async function writeRange(handle: Handle, bytes: Uint8Array, from: number, to: number, signal?: AbortSignal) {
  let at = from
  while (at < to) {
    signal?.throwIfAborted()
    const { bytesWritten } = await handle.write(bytes, at, to - at, at)
    at += bytesWritten
  }
}

/**
 * Metadata files (encoders, tensor_meta.json, …) up to this size are written synchronously: the
 * open, write, close and rename cost far less than a thread-pool round trip each.
 */
const SYNC_WRITE_LIMIT = 64 * 1024

/** {@link writeFileAtomic} of a small file without yielding (and without fsync). */
function writeSmallFileAtomicSync(path: string, bytes: Uint8Array): void {
  const folder = dirname(path)
  if (!knownFolders.has(folder)) {
    mkdirSync(folder, { recursive: true })
    rememberFolder(folder)
  }
  const temp = tempPathFor(path)
  try {
    let fd: number
    try {
      fd = openSync(temp, 'wx')
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error
      knownFolders.delete(folder)
      mkdirSync(folder, { recursive: true })
      fd = openSync(temp, 'wx')
    }
    try {
      let written = 0
      while (written < bytes.byteLength)
        written += writeSync(fd, bytes, written, bytes.byteLength - written, written)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

// Makes the rename itself durable. Some platforms (Windows) cannot open or fsync a folder; skip there.
async function syncFolder(folder: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(folder, 'r')
  } catch (error) {
    if (isUnsupportedFolderSync(error)) return
    throw error
  }
  try {
    await handle.sync()
  } catch (error) {
    if (!isUnsupportedFolderSync(error)) throw error
  } finally {
    await handle.close()
  }
}

function isUnsupportedFolderSync(error: unknown): boolean {
  const code = errnoCode(error)
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'EBADF'
}
