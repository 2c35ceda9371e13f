import { corrupt } from './fail.js'
import {
  cell,
  checkLastColumn,
  emptyTable,
  findRow,
  type IndexTable,
  rowFirstIndex,
  tableLength,
  uint32View,
} from './index-table.js'
import { FORMAT_VERSION } from './keys.js'
import { ascii, writeVersionInto } from './versioned.js'

/**
 * The parsed header of a chunk file (spec §2.1). Indices in both tables are chunk-local.
 * The data section is `bytes.subarray(dataOffset)`.
 */
export interface ChunkHeader {
  /** deeplake version that wrote the chunk ('' for a 0-byte chunk). */
  readonly version: string
  /** Shape encoder: rows `[d0, …, d(ndim-1), last_index]`. */
  readonly shapes: IndexTable
  /** Byte-positions encoder: rows `[num_bytes, start_byte, last_index]`. */
  readonly bytePositions: IndexTable
  /** Offset of the data section in the chunk file. */
  readonly dataOffset: number
}

// Versions whose chunks may hold a 0-dimensional shape encoder, read by Python as shape (1,).
const RANK_ZERO_VERSIONS = new Set(['2.0.2', '2.0.3', '2.0.4', '2.0.5'])

/**
 * Parses a chunk header, checking every length against the buffer. Byte positions are not
 * checked against the data section here, because for lz4 chunk compression they index the
 * decompressed stream: call {@link checkBytePositions} once the data is known. The tables view
 * `bytes` where alignment allows. A 0-byte file is an empty chunk.
 */
export function parseChunk(bytes: Uint8Array, key?: string): ChunkHeader {
  const total = bytes.byteLength
  if (total === 0) return { version: '', shapes: emptyTable(0), bytePositions: emptyTable(3), dataOffset: 0 }
  const lv = bytes[0]!
  const countsAt = 1 + lv
  if (countsAt + 8 > total) {
    throw corrupt(`chunk is truncated: ${total} bytes cannot hold the version and shape-table size`, key, {
      expected: `at least ${countsAt + 8 + 4} header bytes`,
    })
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, total)
  const rows = view.getInt32(countsAt, true)
  const cols = view.getInt32(countsAt + 4, true)
  if (rows < 0 || cols < 0) throw corrupt(`chunk shape table has a negative size (${rows} × ${cols})`, key)
  if (rows > 0 && cols === 0) throw corrupt(`chunk shape table has ${rows} rows but 0 columns`, key)
  const shapesAt = countsAt + 8
  // R·C·4 may exceed 2^53 for hostile input; the comparison still holds in floating point.
  const shapeBytes = rows * cols * 4
  if (shapesAt + shapeBytes + 4 > total) {
    throw corrupt(
      `chunk is truncated: the shape table (${rows} × ${cols}) needs ${shapeBytes} bytes but the file has ${total}`,
      key,
      { expected: `at least ${shapesAt + shapeBytes + 4} bytes` },
    )
  }
  const positionsCountAt = shapesAt + shapeBytes
  const positionRows = view.getUint32(positionsCountAt, true)
  const positionsAt = positionsCountAt + 4
  const dataOffset = positionsAt + positionRows * 12
  if (dataOffset > total) {
    throw corrupt(
      `chunk is truncated: ${positionRows} byte-position rows need a ${dataOffset}-byte header but the file has ${total}`,
      key,
      { expected: `at least ${dataOffset} bytes` },
    )
  }
  const version = ascii(bytes, 1, countsAt)
  let shapes: IndexTable =
    rows === 0
      ? emptyTable(cols)
      : { rows, cols, data: uint32View(bytes.subarray(shapesAt, positionsCountAt)) }
  const bytePositions: IndexTable =
    positionRows === 0
      ? emptyTable(3)
      : { rows: positionRows, cols: 3, data: uint32View(bytes.subarray(positionsAt, dataOffset)) }
  checkLastColumn(shapes, key)
  checkLastColumn(bytePositions, key)
  if (cols === 1 && rows > 0 && RANK_ZERO_VERSIONS.has(version)) shapes = rankOneShapes(shapes)
  return { version, shapes, bytePositions, dataOffset }
}

/** 2.0.2–2.0.5 allowed rank-0 samples; Python reads them as shape (1,). */
function rankOneShapes(shapes: IndexTable): IndexTable {
  const data = new Uint32Array(shapes.rows * 2)
  for (let r = 0; r < shapes.rows; r++) {
    data[r * 2] = 1
    data[r * 2 + 1] = shapes.data[r]!
  }
  return { rows: shapes.rows, cols: 2, data }
}

/**
 * CORRUPT_CHUNK unless every byte-position row lies inside a data section of `dataLength` bytes
 * (the decompressed length for lz4-chunk-compressed chunks).
 */
export function checkBytePositions(header: ChunkHeader, dataLength: number, key?: string): void {
  const table = header.bytePositions
  for (let r = 0; r < table.rows; r++) {
    const numBytes = cell(table, r, 0)
    const start = cell(table, r, 1)
    const samples = cell(table, r, 2) - rowFirstIndex(table, r) + 1
    const end = start + numBytes * samples
    if (end > dataLength) {
      throw corrupt(
        `byte-position row ${r} covers bytes ${start}–${end} but the data section holds ${dataLength}`,
        key,
        { expected: `byte positions within ${dataLength} data bytes` },
      )
    }
  }
}

/**
 * The total header length of a chunk given its first bytes (for range reads), or undefined when
 * `prefix` is too short to tell. Needs `1 + Lv + 8` bytes, then `4·R·C + 4` more.
 */
export function chunkHeaderSize(prefix: Uint8Array, key?: string): number | undefined {
  if (prefix.byteLength < 1) return undefined
  const countsAt = 1 + prefix[0]!
  if (prefix.byteLength < countsAt + 8) return undefined
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength)
  const rows = view.getInt32(countsAt, true)
  const cols = view.getInt32(countsAt + 4, true)
  if (rows < 0 || cols < 0) throw corrupt(`chunk shape table has a negative size (${rows} × ${cols})`, key)
  const positionsCountAt = countsAt + 8 + rows * cols * 4
  if (prefix.byteLength < positionsCountAt + 4) return undefined
  return positionsCountAt + 4 + view.getUint32(positionsCountAt, true) * 12
}

/**
 * Byte range of local sample `local`, relative to the data section; undefined when the
 * byte-positions table does not cover it (tile chunks, image-chunk-compressed chunks).
 */
export function sampleByteRange(
  header: ChunkHeader,
  local: number,
): { start: number; end: number } | undefined {
  const table = header.bytePositions
  const row = findRow(table, local)
  if (row < 0) return undefined
  const numBytes = cell(table, row, 0)
  const start = cell(table, row, 1) + (local - rowFirstIndex(table, row)) * numBytes
  return { start, end: start + numBytes }
}

/** Stored shape of local sample `local`; undefined when the shape table does not cover it. */
export function sampleShape(header: ChunkHeader, local: number): number[] | undefined {
  const table = header.shapes
  const row = findRow(table, local)
  if (row < 0) return undefined
  const base = row * table.cols
  return Array.from(table.data.subarray(base, base + table.cols - 1))
}

/** Number of samples the chunk's byte-positions (or, failing that, shape) table covers. */
export function chunkSampleCount(header: ChunkHeader): number {
  return Math.max(tableLength(header.bytePositions), tableLength(header.shapes))
}

/** What {@link encodeChunk} writes. */
export interface ChunkInput {
  /** Defaults to {@link FORMAT_VERSION}. */
  readonly version?: string
  readonly shapes: IndexTable
  readonly bytePositions: IndexTable
  /** The data section, whole or as parts written back to back. */
  readonly data: Uint8Array | readonly Uint8Array[]
}

/** Serializes a chunk into one freshly allocated buffer (spec §2.1). */
export function encodeChunk(input: ChunkInput): Uint8Array {
  const version = input.version ?? FORMAT_VERSION
  const { shapes, bytePositions } = input
  const parts = input.data instanceof Uint8Array ? [input.data] : input.data
  let dataLength = 0
  for (const part of parts) dataLength += part.byteLength
  const shapeBytes = shapes.rows * shapes.cols * 4
  const positionBytes = bytePositions.rows * 12
  const out = new Uint8Array(13 + version.length + shapeBytes + positionBytes + dataLength)
  const view = new DataView(out.buffer)
  let offset = writeVersionInto(out, version)
  // An empty shape table is written as 0 × 0, as Python does for its 1-D empty array.
  view.setInt32(offset, shapes.rows, true)
  view.setInt32(offset + 4, shapes.rows === 0 ? 0 : shapes.cols, true)
  offset += 8
  offset = copyTable(out, offset, shapes)
  view.setUint32(offset, bytePositions.rows, true)
  offset += 4
  offset = copyTable(out, offset, bytePositions)
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}

function copyTable(out: Uint8Array, offset: number, table: IndexTable): number {
  const length = table.rows * table.cols * 4
  out.set(new Uint8Array(table.data.buffer, table.data.byteOffset, length), offset)
  return offset + length
}
