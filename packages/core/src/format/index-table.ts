import { corrupt, invalidArgument } from './fail.js'

/**
 * A run-length "index encoder" (spec §2.2): a row-major uint32 table whose last column is the
 * last index a row covers. Row `r` covers `(last[r-1] + 1) … last[r]` (row 0 starts at 0).
 * Tables stay typed arrays; nothing allocates per row. Views over file bytes assume a
 * little-endian host, as the format does (every platform Node supports in practice).
 */
export interface IndexTable {
  readonly rows: number
  readonly cols: number
  /** `rows × cols` values, row-major. May be a view into the buffer the table was parsed from. */
  readonly data: Uint32Array
}

/** A table with no rows. */
export const emptyTable = (cols: number): IndexTable => ({ rows: 0, cols, data: new Uint32Array(0) })

/** Binary search: the first row whose last column is `>= index`, or -1 when no row covers it. */
export function findRow(table: IndexTable, index: number): number {
  const { rows, cols, data } = table
  if (rows === 0 || index < 0) return -1
  const lastCol = cols - 1
  let lo = 0
  let hi = rows
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (data[mid * cols + lastCol]! >= index) hi = mid
    else lo = mid + 1
  }
  return lo < rows ? lo : -1
}

/** The first index row `row` covers: (last of the previous row) + 1, or 0 for row 0. */
export function rowFirstIndex(table: IndexTable, row: number): number {
  return row === 0 ? 0 : table.data[row * table.cols - 1]! + 1
}

/** Number of indices the table covers: last index of the final row + 1, or 0 when empty. */
export function tableLength(table: IndexTable): number {
  return table.rows === 0 ? 0 : table.data[table.rows * table.cols - 1]! + 1
}

/** The value at (`row`, `col`). */
export function cell(table: IndexTable, row: number, col: number): number {
  return table.data[row * table.cols + col]!
}

/**
 * Reads a raw table of `cols` uint32 LE columns (no header). The result views `bytes` when they
 * are 4-byte aligned and is a copy otherwise. CORRUPT_CHUNK when the length is not a whole number
 * of rows or the last column decreases (lookups binary-search it).
 */
export function parseIndexTable(bytes: Uint8Array, cols: number, key?: string): IndexTable {
  const rowBytes = cols * 4
  if (cols <= 0) {
    if (bytes.byteLength === 0) return emptyTable(cols)
    throw corrupt(`an index table with ${cols} columns cannot hold ${bytes.byteLength} bytes`, key)
  }
  if (bytes.byteLength % rowBytes !== 0) {
    throw corrupt(`${bytes.byteLength} bytes is not a whole number of ${cols}-column uint32 rows`, key, {
      expected: `a multiple of ${rowBytes} bytes`,
    })
  }
  const table = { rows: bytes.byteLength / rowBytes, cols, data: uint32View(bytes) }
  checkLastColumn(table, key)
  return table
}

/** The table's bytes (uint32 LE, row-major, no header); a view of `table.data`, not a copy. */
export function encodeIndexTable(table: IndexTable): Uint8Array {
  return new Uint8Array(table.data.buffer, table.data.byteOffset, table.rows * table.cols * 4)
}

/** A Uint32Array over `bytes`: a view when aligned, else a copy (TypedArrays need alignment). */
export function uint32View(bytes: Uint8Array): Uint32Array {
  const length = bytes.byteLength >>> 2
  if (bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, length)
  const copy = new Uint8Array(length * 4)
  copy.set(bytes.subarray(0, length * 4))
  return new Uint32Array(copy.buffer, 0, length)
}

/** CORRUPT_CHUNK unless the last column never decreases. */
export function checkLastColumn(table: IndexTable, key?: string): void {
  const { rows, cols, data } = table
  for (let r = 1; r < rows; r++) {
    const previous = data[r * cols - 1]!
    const current = data[(r + 1) * cols - 1]!
    if (current < previous) {
      throw corrupt(`index table row ${r} ends at index ${current}, before row ${r - 1} (${previous})`, key, {
        expected: 'last indices in increasing order',
      })
    }
  }
}

const MAX_UINT32 = 0xffff_ffff

/**
 * Builds an index table by appending runs of indices, merging a run into the last row when its
 * values are equal (as Python does). Snapshots from {@link IndexTableBuilder.toTable} are not
 * affected by later appends.
 */
export class IndexTableBuilder {
  readonly cols: number
  protected data: Uint32Array
  protected count = 0
  protected snapshot: IndexTable | undefined

  constructor(cols: number, from?: IndexTable) {
    if (!Number.isInteger(cols) || cols < 1)
      throw invalidArgument(`an index table needs at least 1 column, got ${cols}`)
    if (from && from.rows > 0 && from.cols !== cols) {
      throw invalidArgument(`cannot extend a ${from.cols}-column table as a ${cols}-column one`)
    }
    this.cols = cols
    const rows = from?.rows ?? 0
    this.data = new Uint32Array(Math.max(8, rows * 2) * cols)
    if (from && rows > 0) this.data.set(from.data.subarray(0, rows * cols))
    this.count = rows
  }

  /** Number of rows so far. */
  get rows(): number {
    return this.count
  }

  /** Number of indices covered so far. */
  get length(): number {
    return this.count === 0 ? 0 : this.data[this.count * this.cols - 1]! + 1
  }

  /**
   * Appends `count` consecutive indices whose non-last columns equal `values`
   * (`values.length === cols - 1`).
   */
  appendRun(values: ArrayLike<number>, count: number): void {
    const width = this.cols - 1
    if (values.length !== width) {
      throw invalidArgument(`expected ${width} values per row, got ${values.length}`)
    }
    if (!Number.isInteger(count) || count < 0)
      throw invalidArgument(`run length must be a non-negative integer, got ${count}`)
    if (count === 0) return
    const last = this.length - 1 + count
    if (last > MAX_UINT32) throw invalidArgument(`index ${last} does not fit the uint32 table`)
    if (this.count > 0 && this.lastRowEquals(values)) {
      this.data[this.count * this.cols - 1] = last
    } else {
      for (let i = 0; i < width; i++) {
        const v = values[i]!
        if (!Number.isInteger(v) || v < 0 || v > MAX_UINT32)
          throw invalidArgument(`${v} is not a uint32 value`)
      }
      this.pushRow(values, last)
    }
    this.snapshot = undefined
  }

  /** The table so far (a copy; cached until the next append). */
  toTable(): IndexTable {
    this.snapshot ??= { rows: this.count, cols: this.cols, data: this.data.slice(0, this.count * this.cols) }
    return this.snapshot
  }

  protected lastRowEquals(values: ArrayLike<number>): boolean {
    const base = (this.count - 1) * this.cols
    for (let i = 0; i < this.cols - 1; i++) if (this.data[base + i] !== values[i]) return false
    return true
  }

  protected pushRow(values: ArrayLike<number>, last: number): void {
    if ((this.count + 1) * this.cols > this.data.length) {
      const grown = new Uint32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    const base = this.count * this.cols
    for (let i = 0; i < this.cols - 1; i++) this.data[base + i] = values[i]!
    this.data[base + this.cols - 1] = last
    this.count++
    this.snapshot = undefined
  }
}

/** Builds a shape encoder: rows `[d0, …, d(ndim-1), last_index]`. */
export class ShapeTableBuilder extends IndexTableBuilder {
  constructor(ndim: number, from?: IndexTable) {
    super(ndim + 1, from)
  }

  /** Sample rank this table describes. */
  get ndim(): number {
    return this.cols - 1
  }

  /** Appends `count` samples of `shape`. */
  appendShape(shape: readonly number[], count = 1): void {
    if (shape.length !== this.ndim) {
      throw invalidArgument(
        `shape [${shape.join(', ')}] has ${shape.length} dimensions; this table holds ${this.ndim}`,
      )
    }
    this.appendRun(shape, count)
  }
}

/**
 * Builds a byte-positions encoder: rows `[num_bytes, start_byte, last_index]`, where equal-length
 * neighbours share a row and each row starts where the previous one ends. Also used for the
 * sequence encoder, with "bytes" = items.
 */
export class BytePositionsBuilder extends IndexTableBuilder {
  private readonly pair = [0, 0]

  constructor(from?: IndexTable) {
    super(3, from)
  }

  /** Total bytes covered: the end of the last row. */
  get byteLength(): number {
    if (this.count === 0) return 0
    const base = (this.count - 1) * 3
    const first = this.count === 1 ? 0 : this.data[base - 1]! + 1
    return this.data[base + 1]! + this.data[base]! * (this.data[base + 2]! - first + 1)
  }

  /** Appends `count` samples of `numBytes` bytes each. */
  append(numBytes: number, count = 1): void {
    if (this.count > 0 && this.data[(this.count - 1) * 3] === numBytes) {
      this.pair[0] = numBytes
      this.pair[1] = this.data[(this.count - 1) * 3 + 1]!
      this.appendRun(this.pair, count)
      return
    }
    const start = this.byteLength
    if (start > MAX_UINT32) throw invalidArgument(`byte offset ${start} does not fit the uint32 table`)
    this.pair[0] = numBytes
    this.pair[1] = start
    this.appendRun(this.pair, count)
  }

  /**
   * `append` of each item `from` to `to` (exclusive) of a packed batch, whose item k ends at byte
   * `ends[k]` of the batch (0 before the first): the same rows, written in one tight loop.
   */
  appendPacked(ends: Uint32Array, from: number, to: number): void {
    if (from >= to) return
    // Room for a row per item at most, reserved once.
    const needed = (this.count + (to - from)) * 3
    if (needed > this.data.length) {
      const grown = new Uint32Array(Math.max(needed, this.data.length * 2))
      grown.set(this.data.subarray(0, this.count * 3))
      this.data = grown
    }
    const data = this.data
    let start = this.byteLength
    let index = this.length
    let rows = this.count
    let previousEnd = from === 0 ? 0 : ends[from - 1]!
    // Checked before anything is written: the last row's start and index must fit uint32.
    if (start + (ends[to - 1]! - previousEnd) > MAX_UINT32 || index + (to - from) - 1 > MAX_UINT32)
      throw invalidArgument(`byte offset ${start} does not fit the uint32 table`)
    for (let k = from; k < to; k++) {
      const size = ends[k]! - previousEnd
      previousEnd = ends[k]!
      if (rows > 0 && data[rows * 3 - 3] === size) data[rows * 3 - 1] = index
      else {
        data[rows * 3] = size
        data[rows * 3 + 1] = start
        data[rows * 3 + 2] = index
        rows++
      }
      start += size
      index++
    }
    this.count = rows
    this.snapshot = undefined
  }
}
