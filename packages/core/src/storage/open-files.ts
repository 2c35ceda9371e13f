import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs'
import type { ByteRange } from './contract.js'
import { isMissingFile } from './fs-errors.js'
import { uninitialized } from './local-read.js'
import { resolveRange } from './range.js'

interface OpenFile {
  readonly fd: number
  readonly size: number
  /** Async reads in flight: the descriptor is closed only when none is left. */
  users: number
  /** Forgotten (written over or deleted): close once the last in-flight read ends. */
  retired: boolean
}

/**
 * Keeps recently read files open, so a random sample read is one `pread` rather than open, fstat,
 * read and close. Files are only ever replaced whole (temp file + rename), so an open descriptor
 * keeps reading the version it opened; the store forgets a path whenever it writes or deletes it.
 */
export class OpenFiles {
  private readonly files = new Map<string, OpenFile>()

  constructor(private readonly limit = 64) {}

  /** `range` of the file at `path`, synchronously; undefined when there is no readable file. */
  readSync(path: string, range: ByteRange): Uint8Array | undefined {
    const file = this.open(path)
    if (!file) return undefined
    const { start, end } = resolveRange(range, file.size)
    const out = uninitialized(end - start)
    let filled = 0
    while (filled < out.byteLength) {
      const bytesRead = readSync(file.fd, out, filled, out.byteLength - filled, start + filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return filled === out.byteLength ? out : out.subarray(0, filled)
  }

  /** Reads into `into` at `position` of the file at `path`; the byte count, undefined when missing. */
  readIntoSync(path: string, position: number, into: Uint8Array): number | undefined {
    const file = this.open(path)
    if (!file) return undefined
    let filled = 0
    while (filled < into.byteLength && position + filled < file.size) {
      const bytesRead = readSync(file.fd, into, filled, into.byteLength - filled, position + filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return filled
  }

  /** `range` of the file at `path` through the cached descriptor: one thread-pool round trip. */
  async read(path: string, range: ByteRange): Promise<Uint8Array | undefined> {
    const file = this.open(path)
    if (!file) return undefined
    const { start, end } = resolveRange(range, file.size)
    const out = uninitialized(end - start)
    let filled = 0
    // Closing a descriptor under a pending read could even hand its number to another file.
    file.users++
    try {
      while (filled < out.byteLength) {
        const bytesRead = await new Promise<number>((resolve, reject) =>
          read(file.fd, out, filled, out.byteLength - filled, start + filled, (error, n) =>
            error ? reject(error) : resolve(n),
          ),
        )
        if (bytesRead === 0) break
        filled += bytesRead
      }
    } finally {
      file.users--
      if (file.retired && file.users === 0) closeSync(file.fd)
    }
    return filled === out.byteLength ? out : out.subarray(0, filled)
  }

  /** Closes the descriptor of `path`, if open (after a write or delete of that path). */
  forget(path: string): void {
    const file = this.files.get(path)
    this.files.delete(path)
    if (!file) return
    file.retired = true
    if (file.users === 0) closeSync(file.fd)
  }

  closeAll(): void {
    for (const path of [...this.files.keys()]) this.forget(path)
  }

  private open(path: string): OpenFile | undefined {
    const known = this.files.get(path)
    if (known) {
      this.files.delete(path) // re-insert: Map order is recency order
      this.files.set(path, known)
      return known
    }
    let fd: number
    try {
      fd = openSync(path, 'r')
    } catch (error) {
      if (isMissingFile(error)) return undefined
      throw error
    }
    const stats = fstatSync(fd)
    if (!stats.isFile()) {
      closeSync(fd)
      return undefined
    }
    const file: OpenFile = { fd, size: stats.size, users: 0, retired: false }
    this.files.set(path, file)
    if (this.files.size > this.limit) this.forget(this.files.keys().next().value!)
    return file
  }
}
