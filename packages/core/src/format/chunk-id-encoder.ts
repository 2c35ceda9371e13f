import { corrupt, invalidArgument } from './fail.js'
import { FORMAT_VERSION } from './keys.js'
import { compareVersions, readVersionPrefix, writeVersionInto } from './versioned.js'

/**
 * The chunk-id encoder of a tensor (`chunks_index/unsharded`, spec §3.1): row `r` names chunk
 * `ids[r]`, which holds global samples `lastIndex[r-1] + 1 … lastIndex[r]`. Consecutive rows
 * with the same last index are the tiles of one sample.
 */
export interface ChunkIdTable {
  readonly ids: BigUint64Array
  /** Global last index per row, as numbers (exact up to 2^53). */
  readonly lastIndex: Float64Array
}

// Files written before 2.7.6 have no width byte and uint32 entries.
const WIDTH_BYTE_SINCE = '2.7.6'
const TWO_32 = 2 ** 32

/** Parses a chunk-id encoder, handling the width byte (8 or 4) and its absence before 2.7.6. */
/** A chunk-id table with no rows (a tensor that was never appended to). */
export function emptyChunkIds(): ChunkIdTable {
  return { ids: new BigUint64Array(0), lastIndex: new Float64Array(0) }
}

export function parseChunkIds(bytes: Uint8Array, key?: string): ChunkIdTable {
  const { version, offset: afterVersion } = readVersionPrefix(bytes, key)
  let offset = afterVersion
  let width = 4
  if (compareVersions(version, WIDTH_BYTE_SINCE) >= 0) {
    // An encoder with no rows may also have been written without its width byte.
    if (offset === bytes.byteLength) return emptyChunkIds()
    width = bytes[offset]!
    offset++
    if (width !== 4 && width !== 8) {
      throw corrupt(`chunk-id encoder declares ${width} bytes per entry`, key, {
        expected: '4 or 8 bytes per entry',
      })
    }
  }
  const body = bytes.byteLength - offset
  const rowBytes = width * 2
  if (body % rowBytes !== 0) {
    throw corrupt(
      `chunk-id encoder body of ${body} bytes is not a whole number of ${rowBytes}-byte rows`,
      key,
      {
        expected: `a multiple of ${rowBytes} bytes after the header`,
      },
    )
  }
  const rows = body / rowBytes
  const ids = new BigUint64Array(rows)
  const lastIndex = new Float64Array(rows)
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, body)
  for (let r = 0; r < rows; r++) {
    const at = r * rowBytes
    if (width === 8) {
      ids[r] = view.getBigUint64(at, true)
      // Read the index as two halves: exact below 2^53 and no BigInt round trip.
      lastIndex[r] = view.getUint32(at + 8, true) + view.getUint32(at + 12, true) * TWO_32
    } else {
      ids[r] = BigInt(view.getUint32(at, true))
      lastIndex[r] = view.getUint32(at + 4, true)
    }
    if (r > 0 && lastIndex[r]! < lastIndex[r - 1]!) {
      throw corrupt(
        `chunk-id row ${r} ends at sample ${lastIndex[r]}, before row ${r - 1} (${lastIndex[r - 1]})`,
        key,
        {
          expected: 'last indices in increasing order',
        },
      )
    }
  }
  return { ids, lastIndex }
}

/** Serializes a chunk-id encoder with uint64 entries (`W = 8`). `version` must be ≥ 2.7.6. */
export function encodeChunkIds(table: ChunkIdTable, version: string = FORMAT_VERSION): Uint8Array {
  if (compareVersions(version, WIDTH_BYTE_SINCE) < 0) {
    throw invalidArgument(
      `chunk-id encoders are written with a width byte, which needs version >= 2.7.6, not ${version}`,
    )
  }
  const rows = table.ids.length
  const out = new Uint8Array(2 + version.length + rows * 16)
  let offset = writeVersionInto(out, version)
  out[offset++] = 8
  const view = new DataView(out.buffer)
  for (let r = 0; r < rows; r++) {
    const last = table.lastIndex[r]!
    view.setBigUint64(offset, table.ids[r]!, true)
    view.setUint32(offset + 8, last % TWO_32, true)
    view.setUint32(offset + 12, Math.floor(last / TWO_32), true)
    offset += 16
  }
  return out
}

/** The chunk's file name: lowercase hex without leading zeros or `0x`. */
export function chunkName(id: bigint): string {
  return id.toString(16)
}

/** The chunk id a file name stands for; INVALID_ARGUMENT for anything but 1–16 hex digits. */
export function chunkIdFromName(name: string): bigint {
  if (!/^[0-9a-fA-F]{1,16}$/.test(name))
    throw invalidArgument(`"${name}" is not a chunk name (1–16 hex digits)`)
  return BigInt(`0x${name}`)
}

/**
 * The rows holding global sample `index`: the first row whose last index is `>= index`, plus the
 * following rows with the same last index (the other tiles of a tiled sample). Undefined when the
 * table does not reach `index`.
 */
export function findChunks(table: ChunkIdTable, index: number): { first: number; count: number } | undefined {
  const last = table.lastIndex
  const rows = last.length
  if (index < 0) return undefined
  let lo = 0
  let hi = rows
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (last[mid]! >= index) hi = mid
    else lo = mid + 1
  }
  if (lo >= rows) return undefined
  let end = lo + 1
  while (end < rows && last[end] === last[lo]) end++
  return { first: lo, count: end - lo }
}

/** Number of samples the table covers: last index of the final row + 1, or 0. */
export function chunkIdsLength(table: ChunkIdTable): number {
  const rows = table.lastIndex.length
  return rows === 0 ? 0 : table.lastIndex[rows - 1]! + 1
}

/** A random nonzero 64-bit chunk id (from the platform's cryptographic RNG). */
export function randomChunkId(): bigint {
  const out = new BigUint64Array(1)
  do {
    globalThis.crypto.getRandomValues(out)
  } while (out[0] === 0n)
  return out[0]!
}

/**
 * Builds a chunk-id table for writers. Snapshots from {@link ChunkIdTableBuilder.toTable} are
 * not affected by later changes.
 */
export class ChunkIdTableBuilder {
  private ids: BigUint64Array
  private last: Float64Array
  private count: number
  private snapshot: ChunkIdTable | undefined

  constructor(from?: ChunkIdTable) {
    const rows = from?.ids.length ?? 0
    this.ids = new BigUint64Array(Math.max(8, rows * 2))
    this.last = new Float64Array(this.ids.length)
    if (from) {
      this.ids.set(from.ids)
      this.last.set(from.lastIndex)
    }
    this.count = rows
  }

  /** Number of rows so far. */
  get rows(): number {
    return this.count
  }

  /** Number of samples covered so far. */
  get length(): number {
    return this.count === 0 ? 0 : this.last[this.count - 1]! + 1
  }

  /** Adds a row for chunk `id` ending at global sample `lastIndex`. */
  append(id: bigint, lastIndex: number): void {
    if (this.count > 0 && lastIndex < this.last[this.count - 1]!) {
      throw invalidArgument(
        `last index ${lastIndex} is before the previous row's ${this.last[this.count - 1]}`,
      )
    }
    if (this.count === this.ids.length) {
      const ids = new BigUint64Array(this.count * 2)
      ids.set(this.ids)
      const last = new Float64Array(this.count * 2)
      last.set(this.last)
      this.ids = ids
      this.last = last
    }
    this.ids[this.count] = id
    this.last[this.count] = lastIndex
    this.count++
    this.snapshot = undefined
  }

  /** Moves row `row`'s last index (a chunk that received more samples). */
  setLastIndex(row: number, lastIndex: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.count)
      throw invalidArgument(`no chunk-id row ${row}`)
    this.last[row] = lastIndex
    this.snapshot = undefined
  }

  /** The table so far (a copy; cached until the next change). */
  toTable(): ChunkIdTable {
    this.snapshot ??= { ids: this.ids.slice(0, this.count), lastIndex: this.last.slice(0, this.count) }
    return this.snapshot
  }
}
