import { corrupt, invalidArgument } from './fail.js'
import { FORMAT_VERSION } from './keys.js'
import { checkVersion, readVersionPrefix, writeVersionInto } from './versioned.js'

/** A tiled sample (spec §3.2): its full shape and the shape of each (non-edge) tile. */
export interface TileEntry {
  readonly sampleShape: number[]
  readonly tileShape: number[]
}

const TWO_32 = 2 ** 32

/**
 * Parses `tiles_index/unsharded` into global sample index → entry. Reads the versioned
 * little-endian layout, falling back to the unversioned big-endian layout of old files.
 */
export function parseTiles(bytes: Uint8Array, key?: string): Map<number, TileEntry> {
  const prefix = readVersionPrefix(bytes, key)
  const modern = /^\d+(\.\d+)+$/.test(prefix.version) ? readEntries(bytes, prefix.offset, true) : undefined
  const entries = modern ?? readEntries(bytes, 0, false)
  if (!entries) {
    throw corrupt(
      `tile encoder of ${bytes.byteLength} bytes fits neither the versioned nor the legacy layout`,
      key,
      {
        expected: 'Lv, version, uint64 count, uint64 ndim, then (index, sample shape, tile shape) entries',
      },
    )
  }
  for (const [index, entry] of entries) {
    if (entry.tileShape.some((d) => d === 0) && entry.sampleShape.some((d) => d > 0)) {
      throw corrupt(`tiled sample ${index} has a zero tile dimension: [${entry.tileShape.join(', ')}]`, key)
    }
  }
  return entries
}

/** The entries from `offset`, or undefined when the bytes do not fit the layout exactly. */
function readEntries(
  bytes: Uint8Array,
  offset: number,
  littleEndian: boolean,
): Map<number, TileEntry> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u64 = (at: number) =>
    littleEndian
      ? view.getUint32(at, true) + view.getUint32(at + 4, true) * TWO_32
      : view.getUint32(at + 4, false) + view.getUint32(at, false) * TWO_32
  const total = bytes.byteLength
  if (offset + 8 > total) return undefined
  const count = u64(offset)
  offset += 8
  const entries = new Map<number, TileEntry>()
  if (count === 0) return offset === total ? entries : undefined
  if (offset + 8 > total) return undefined
  const ndim = u64(offset)
  offset += 8
  // Check the size before looping, so a garbage count cannot make us spin.
  if (ndim > 64 || offset + count * 8 * (1 + 2 * ndim) !== total) return undefined
  for (let e = 0; e < count; e++) {
    const index = u64(offset)
    offset += 8
    const sampleShape: number[] = []
    const tileShape: number[] = []
    for (let d = 0; d < ndim; d++, offset += 8) sampleShape.push(u64(offset))
    for (let d = 0; d < ndim; d++, offset += 8) tileShape.push(u64(offset))
    entries.set(index, { sampleShape, tileShape })
  }
  return entries
}

/**
 * Serializes a tile encoder (versioned, little-endian), entries in map order. All entries must
 * have the same rank. An empty map gives `Lv, version, 0 (uint64)` — 15 bytes for 3.9.52.
 */
export function encodeTiles(
  map: ReadonlyMap<number, TileEntry>,
  version: string = FORMAT_VERSION,
): Uint8Array {
  checkVersion(version)
  const first = map.values().next()
  const ndim = first.done ? 0 : first.value.sampleShape.length
  const head = 1 + version.length + 8
  const size = map.size === 0 ? head : head + 8 + map.size * 8 * (1 + 2 * ndim)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  let offset = writeVersionInto(out, version)
  const put = (value: number) => {
    if (!Number.isSafeInteger(value) || value < 0)
      throw invalidArgument(`${value} is not a uint64 tile value`)
    view.setUint32(offset, value % TWO_32, true)
    view.setUint32(offset + 4, Math.floor(value / TWO_32), true)
    offset += 8
  }
  put(map.size)
  if (map.size === 0) return out
  put(ndim)
  for (const [index, entry] of map) {
    if (entry.sampleShape.length !== ndim || entry.tileShape.length !== ndim) {
      throw invalidArgument(`tile entry ${index} is not ${ndim}-dimensional like the first entry`)
    }
    put(index)
    for (const d of entry.sampleShape) put(d)
    for (const d of entry.tileShape) put(d)
  }
  return out
}

/** The tile grid: `ceil(sampleShape / tileShape)` per axis (tiles are stored in C order of it). */
export function tileLayout(entry: TileEntry): number[] {
  return entry.sampleShape.map((size, axis) => {
    const tile = entry.tileShape[axis] ?? 0
    return tile > 0 ? Math.ceil(size / tile) : 0
  })
}

/**
 * The tile shape Python picks for a sample (spec §2.7): with `ratio = prod(shape) · itemSize ·
 * (0.5 if compressed else 1) / threshold`, while `ratio > 1` halve the currently largest axis
 * (the first on ties; the last axis never when `excludeLastAxis`) and halve `ratio`; then round
 * every axis up. Axes are halved as float32, as numpy does. INVALID_ARGUMENT when an axis
 * would drop below 1 (the threshold is too small for the sample).
 */
export function computeTileShape(
  sampleShape: readonly number[],
  itemSize: number,
  threshold: number,
  compressed: boolean,
  excludeLastAxis: boolean,
): number[] {
  let elements = 1
  for (const d of sampleShape) elements *= d
  let ratio = (elements * itemSize * (compressed ? 0.5 : 1)) / threshold
  const working = sampleShape.map((d) => Math.fround(d))
  const last = sampleShape.length - 1
  while (ratio > 1) {
    let axis = -1
    let largest = 0
    for (let i = 0; i < working.length; i++) {
      if (excludeLastAxis && i === last) continue
      if (axis < 0 || working[i]! > largest) {
        axis = i
        largest = working[i]!
      }
    }
    if (axis < 0 || largest < 2) {
      throw invalidArgument(
        `cannot tile a sample of shape [${sampleShape.join(', ')}] under a tiling threshold of ${threshold} bytes`,
      )
    }
    working[axis] = Math.fround(largest / 2)
    ratio /= 2
  }
  return working.map((d, i) => (excludeLastAxis && i === last ? sampleShape[i]! : Math.ceil(d)))
}
