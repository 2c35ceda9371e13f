import { readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import type { ByteRange, CallOptions } from './contract.js'
import { isMissingFile } from './fs-errors.js'
import { resolveRange } from './range.js'

// Node returns Buffers; hand out plain Uint8Array views so results compare and serialise like the other stores.
function view(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/**
 * A buffer the read fills completely, so it needs no zero-filling (which cost as much as the copy
 * from the page cache on large samples). Any tail a short read leaves is cut off by the caller.
 */
export function uninitialized(size: number): Uint8Array {
  return view(Buffer.allocUnsafeSlow(size))
}

/**
 * The whole file at `path`, or undefined when there is no readable file there. One open, stat,
 * read and close: `fs.promises.readFile` reads in 512 KiB steps, a thread-pool round trip each,
 * which made multi-megabyte chunk loads several times slower than the disk.
 */
export function readWholeFile(path: string, options?: CallOptions): Promise<Uint8Array | undefined> {
  return readFileRange(path, { offset: 0, length: Number.MAX_SAFE_INTEGER }, options)
}

/** Synchronous {@link readWholeFile}. */
export function readWholeFileSync(path: string): Uint8Array | undefined {
  try {
    return view(readFileSync(path))
  } catch (error) {
    if (isMissingFile(error)) return undefined
    throw error
  }
}

/**
 * Reads only `range` of the file at `path` through a file handle, so a chunk header costs a few
 * bytes of I/O rather than the whole chunk. Undefined when there is no readable file there.
 */
export async function readFileRange(
  path: string,
  range: ByteRange,
  options?: CallOptions,
): Promise<Uint8Array | undefined> {
  options?.signal?.throwIfAborted()
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if (isMissingFile(error)) return undefined
    throw error
  }
  try {
    const stats = await handle.stat()
    // open() succeeds on a directory on some platforms; a directory is not a key.
    if (!stats.isFile()) return undefined
    const { start, end } = resolveRange(range, stats.size)
    const out = uninitialized(end - start)
    let filled = 0
    while (filled < out.byteLength) {
      options?.signal?.throwIfAborted()
      const { bytesRead } = await handle.read(out, filled, out.byteLength - filled, start + filled)
      if (bytesRead === 0) break // the file shrank under us: return what exists, as a clamp would
      filled += bytesRead
    }
    return filled === out.byteLength ? out : out.subarray(0, filled)
  } finally {
    await handle.close()
  }
}
