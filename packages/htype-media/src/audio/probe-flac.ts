import { badFile } from '../errors.js'
import type { AudioHeader } from './audio-info.js'

/** Reads a FLAC file's STREAMINFO block. */
export function probeFlac(bytes: Uint8Array): AudioHeader {
  let at = 0
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) at = id3Size(bytes)
  if (bytes.byteLength < at + 42 || String.fromCharCode(...bytes.subarray(at, at + 4)) !== 'fLaC')
    throw badFile('flac', 'no fLaC marker')
  const type = bytes[at + 4]! & 0x7f
  if (type !== 0) throw badFile('flac', 'the first metadata block is not STREAMINFO')
  const s = at + 8
  const maxBlock = (bytes[s + 2]! << 8) | bytes[s + 3]!
  const rate = (bytes[s + 10]! << 12) | (bytes[s + 11]! << 4) | (bytes[s + 12]! >> 4)
  const channels = ((bytes[s + 12]! >> 1) & 0x07) + 1
  const bits = (((bytes[s + 12]! & 1) << 4) | (bytes[s + 13]! >> 4)) + 1
  const samples =
    (bytes[s + 13]! & 0x0f) * 2 ** 32 + new DataView(bytes.buffer, bytes.byteOffset + s + 14, 4).getUint32(0)
  if (rate === 0) throw badFile('flac', 'STREAMINFO has no sample rate')
  if (!hasFrames(bytes, s + 34)) throw badFile('flac', 'no audio frames after the metadata (truncated file?)')
  return {
    samples,
    channels,
    sampleRate: rate,
    duration: samples,
    timeBase: 1 / rate,
    frameSize: maxBlock,
    sampleFormat: bits <= 16 ? 's16' : 's32',
    bitsPerSample: bits,
  }
}

/** Walks the metadata blocks and checks a frame sync code follows them. */
function hasFrames(bytes: Uint8Array, afterStreamInfo: number): boolean {
  let at = afterStreamInfo
  let last = (bytes[afterStreamInfo - 38]! & 0x80) !== 0
  while (!last) {
    if (at + 4 > bytes.byteLength) return false
    last = (bytes[at]! & 0x80) !== 0
    at += 4 + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!)
  }
  return at + 2 <= bytes.byteLength && bytes[at] === 0xff && (bytes[at + 1]! & 0xfe) === 0xf8
}

/** Bytes taken by a leading ID3v2 tag. */
export function id3Size(bytes: Uint8Array): number {
  if (bytes.byteLength < 10) return 0
  const size =
    ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f)
  return 10 + size + (bytes[5]! & 0x10 ? 10 : 0)
}
