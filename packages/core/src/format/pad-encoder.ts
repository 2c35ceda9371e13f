import { corrupt } from './fail.js'
import { uint32View } from './index-table.js'
import { FORMAT_VERSION } from './keys.js'
import { readVersionPrefix, writeVersionInto } from './versioned.js'

/**
 * Parses `pad_index/unsharded` (spec §3.5): flat `[start, end)` pairs of padded sample ranges.
 * Informational only — padded samples are also stored as ordinary empty samples.
 */
export function parsePadIndex(bytes: Uint8Array, key?: string): Uint32Array {
  const { offset } = readVersionPrefix(bytes, key)
  const body = bytes.subarray(offset)
  if (body.byteLength % 8 !== 0) {
    throw corrupt(
      `pad encoder body of ${body.byteLength} bytes is not a whole number of [start, end) pairs`,
      key,
      {
        expected: 'a multiple of 8 bytes after the version',
      },
    )
  }
  return uint32View(body)
}

/** Serializes flat `[start, end)` pairs. */
export function encodePadIndex(pairs: Uint32Array, version: string = FORMAT_VERSION): Uint8Array {
  const out = new Uint8Array(1 + version.length + pairs.byteLength)
  const offset = writeVersionInto(out, version)
  out.set(new Uint8Array(pairs.buffer, pairs.byteOffset, pairs.byteLength), offset)
  return out
}
