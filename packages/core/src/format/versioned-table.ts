import { type IndexTable, parseIndexTable } from './index-table.js'
import { FORMAT_VERSION } from './keys.js'
import { readVersionPrefix, writeVersionInto } from './versioned.js'

/** Parses `Lv`, version, then a raw uint32 LE table of `cols` columns (sequence/creds encoders). */
export function parseVersionedTable(
  bytes: Uint8Array,
  cols: number,
  key?: string,
): { version: string; table: IndexTable } {
  const { version, offset } = readVersionPrefix(bytes, key)
  return { version, table: parseIndexTable(bytes.subarray(offset), cols, key) }
}

/** Serializes `Lv`, version, then the table's rows. */
export function encodeVersionedTable(table: IndexTable, version: string = FORMAT_VERSION): Uint8Array {
  const length = table.rows * table.cols * 4
  const out = new Uint8Array(1 + version.length + length)
  const offset = writeVersionInto(out, version)
  out.set(new Uint8Array(table.data.buffer, table.data.byteOffset, length), offset)
  return out
}
