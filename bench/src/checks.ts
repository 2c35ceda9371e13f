/** Small helpers arms share: touching read data so it is really used, and seeded index lists. */
import { mulberry32 } from './data.js'

/**
 * Reads the first and last byte of a sample so a scan cannot skip the data, and so arms can
 * compare a checksum: the sums must be equal across systems.
 */
export function touch(bytes: Uint8Array): number {
  return bytes.byteLength === 0 ? 0 : bytes[0]! + bytes[bytes.byteLength - 1]!
}

/** The bytes of any typed array, as a view. */
export function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** `count` indices in [0, length) from a seeded PRNG: the same list for every arm. */
export function randomIndices(count: number, length: number, seed = 99): number[] {
  const rng = mulberry32(seed)
  return Array.from({ length: count }, () => Math.floor(rng() * length))
}
