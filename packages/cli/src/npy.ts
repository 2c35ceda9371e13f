import type { NDArray } from '@shoal/core'

const DESCR: Readonly<Record<string, string>> = {
  bool: '|b1',
  int8: '|i1',
  uint8: '|u1',
  int16: '<i2',
  uint16: '<u2',
  int32: '<i4',
  uint32: '<u4',
  int64: '<i8',
  uint64: '<u8',
  float16: '<f2',
  float32: '<f4',
  float64: '<f8',
}

/** An array as a NumPy .npy file (format 1.0, C order, little-endian), which numpy.load opens. */
export function encodeNpy(array: NDArray): Uint8Array {
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`
  let header = `{'descr': '${DESCR[array.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`
  // Magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64
  header = `${header.padEnd(total - 10 - 1)}\n`
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength)
  const out = new Uint8Array(total + data.byteLength)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8])
  out.set(new TextEncoder().encode(header), 10)
  out.set(data, total)
  return out
}
