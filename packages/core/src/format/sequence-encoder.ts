import { ShoalError } from '../errors.js'
import { cell, findRow, type IndexTable, rowFirstIndex, tableLength } from './index-table.js'
import { FORMAT_VERSION } from './keys.js'
import { encodeVersionedTable, parseVersionedTable } from './versioned-table.js'

/**
 * Parses `sequence_index/unsharded` (spec §3.3): rows `[items_per_sequence, start_item,
 * last_sequence_index]` — a byte-positions encoder whose "bytes" are flat items.
 */
export function parseSequenceIndex(bytes: Uint8Array, key?: string): IndexTable {
  return parseVersionedTable(bytes, 3, key).table
}

/** Serializes a sequence encoder (build it with `BytePositionsBuilder`, appending item counts). */
export function encodeSequenceIndex(table: IndexTable, version: string = FORMAT_VERSION): Uint8Array {
  return encodeVersionedTable(table, version)
}

/** Flat item range `[start, end)` of sequence `seq`; INDEX_OUT_OF_RANGE when not covered. */
export function sequenceItemRange(table: IndexTable, seq: number): { start: number; end: number } {
  const row = findRow(table, seq)
  if (row < 0) {
    throw new ShoalError(
      'INDEX_OUT_OF_RANGE',
      `sequence ${seq} is beyond the ${tableLength(table)} sequences indexed`,
      {
        index: seq,
      },
    )
  }
  const items = cell(table, row, 0)
  const start = cell(table, row, 1) + (seq - rowFirstIndex(table, row)) * items
  return { start, end: start + items }
}

/** Number of sequences: last index of the final row + 1, or 0. */
export function sequenceCount(table: IndexTable): number {
  return tableLength(table)
}
