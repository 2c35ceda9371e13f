import { cell, findRow, type IndexTable } from './index-table.js'
import { FORMAT_VERSION } from './keys.js'
import { encodeVersionedTable, parseVersionedTable } from './versioned-table.js'

/**
 * Parses `creds_index/unsharded` (spec §3.4): rows `[creds_encoding, last_index]`. Encoding 0 is
 * "no credentials"; k ≥ 1 is `linked_creds.json.creds_keys[k − 1]`.
 */
export function parseCredsIndex(bytes: Uint8Array, key?: string): IndexTable {
  return parseVersionedTable(bytes, 2, key).table
}

/** Serializes a creds encoder (build it with `IndexTableBuilder(2)`). */
export function encodeCredsIndex(table: IndexTable, version: string = FORMAT_VERSION): Uint8Array {
  return encodeVersionedTable(table, version)
}

/** The creds encoding of global sample `index`; 0 when the table does not cover it. */
export function credsIndexAt(table: IndexTable, index: number): number {
  const row = findRow(table, index)
  return row < 0 ? 0 : cell(table, row, 0)
}
