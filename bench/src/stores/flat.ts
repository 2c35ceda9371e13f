/**
 * The raw-node arm's storage: one flat file of the same bytes, written and read with plain `fs`
 * in large blocks. This is the physical limit the other systems are measured against.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import type { RssProbe } from '../measure.js'

/** Block size for flat-file writes and sequential reads (matches an ~8 MB chunk). */
export const BLOCK_BYTES = 8 << 20

/** Writes `parts` back to back into `path`, copied into {@link BLOCK_BYTES} blocks. */
export function writeFlat(path: string, parts: Iterable<Uint8Array>, probe?: RssProbe): number {
  const fd = openSync(path, 'w')
  const block = new Uint8Array(BLOCK_BYTES)
  let used = 0
  let total = 0
  const drain = () => {
    writeAll(fd, block.subarray(0, used))
    used = 0
    probe?.sample()
  }
  try {
    for (const part of parts) {
      total += part.byteLength
      // Parts larger than a block skip the copy: the block buffer only exists to batch small parts.
      if (part.byteLength >= BLOCK_BYTES) {
        if (used > 0) drain()
        writeAll(fd, part)
        continue
      }
      if (used + part.byteLength > BLOCK_BYTES) drain()
      block.set(part, used)
      used += part.byteLength
    }
    if (used > 0) drain()
  } finally {
    closeSync(fd)
  }
  return total
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0
  while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done)
}

/**
 * Reads `path` front to back in blocks of {@link BLOCK_BYTES} (rounded down to whole records of
 * `recordBytes`), calling `onBlock` with each. By default one buffer is reused for every block.
 * With `keepFreshBytes`, each block is read into new memory and the newest `keepFreshBytes` of
 * them are kept alive, like a reader's chunk cache: what any reader pays that hands out memory
 * its caller may keep (on a VM that reports freed pages to its host, every fresh page faults).
 */
export function readFlatBlocks(
  path: string,
  recordBytes: number,
  onBlock: (block: Uint8Array) => void,
  keepFreshBytes?: number,
): number {
  const perBlock = Math.max(1, Math.floor(BLOCK_BYTES / recordBytes)) * recordBytes
  const reused = keepFreshBytes === undefined ? new Uint8Array(perBlock) : undefined
  const kept: Uint8Array[] = []
  const fd = openSync(path, 'r')
  let total = 0
  try {
    for (;;) {
      const buffer = reused ?? new Uint8Array(Buffer.allocUnsafeSlow(perBlock).buffer, 0, perBlock)
      const got = readFull(fd, buffer, total)
      if (got === 0) break
      total += got
      if (!reused) {
        kept.push(buffer)
        if (kept.length * perBlock > keepFreshBytes!) kept.shift()
      }
      onBlock(buffer.subarray(0, got))
      if (got < perBlock) break
    }
  } finally {
    closeSync(fd)
  }
  return total
}

/** Reads `into.byteLength` bytes at `position` (fewer at end of file); returns the count. */
export function readFull(fd: number, into: Uint8Array, position: number): number {
  let done = 0
  while (done < into.byteLength) {
    const got = readSync(fd, into, done, into.byteLength - done, position + done)
    if (got === 0) break
    done += got
  }
  return done
}
