import { ffmpeg } from './ffmpeg.js'

/** Transfer syntax UIDs the tests write. */
export const SYNTAX = {
  implicit: '1.2.840.10008.1.2',
  explicit: '1.2.840.10008.1.2.1',
  rle: '1.2.840.10008.1.2.5',
  jpegLs: '1.2.840.10008.1.2.4.80',
  mpeg2: '1.2.840.10008.1.2.4.100',
} as const

export interface DicomSpec {
  rows: number
  cols: number
  /** uint16 pixels, row-major, frame after frame. */
  pixels: Uint16Array
  syntax: keyof typeof SYNTAX
  /** Writes NumberOfFrames (uncompressed syntaxes only). */
  frames?: number
}

const LONG_VRS = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN'])

function element(
  group: number,
  el: number,
  vr: string,
  value: Uint8Array,
  explicit: boolean,
  undefinedLength = false,
): Uint8Array {
  const padded =
    value.byteLength % 2 ? concat([value, new Uint8Array([vr === 'UI' || vr === 'OB' ? 0 : 0x20])]) : value
  const length = undefinedLength ? 0xffffffff : padded.byteLength
  const head = new DataView(new ArrayBuffer(explicit ? (LONG_VRS.has(vr) ? 12 : 8) : 8))
  head.setUint16(0, group, true)
  head.setUint16(2, el, true)
  if (!explicit) head.setUint32(4, length, true)
  else {
    head.setUint8(4, vr.charCodeAt(0))
    head.setUint8(5, vr.charCodeAt(1))
    if (LONG_VRS.has(vr)) head.setUint32(8, length, true)
    else head.setUint16(6, length, true)
  }
  return concat([new Uint8Array(head.buffer), padded])
}

const text = (s: string) => new TextEncoder().encode(s)
const us = (n: number) => new Uint8Array(new Uint16Array([n]).buffer)
const ul = (n: number) => new Uint8Array(new Uint32Array([n]).buffer)

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

/** An RLE Lossless frame: two PackBits segments (high bytes, low bytes), literal runs only. */
function rleFrame(pixels: Uint16Array): Uint8Array {
  const segment = (bytes: number[]) => {
    const out: number[] = []
    for (let i = 0; i < bytes.length; i += 128) {
      const run = bytes.slice(i, i + 128)
      out.push(run.length - 1, ...run)
    }
    if (out.length % 2) out.push(0x80) // no-op byte pads to even length
    return out
  }
  const high = segment(Array.from(pixels, (p) => p >> 8))
  const low = segment(Array.from(pixels, (p) => p & 0xff))
  const header = new DataView(new ArrayBuffer(64))
  header.setUint32(0, 2, true)
  header.setUint32(4, 64, true)
  header.setUint32(8, 64 + high.length, true)
  return concat([new Uint8Array(header.buffer), Uint8Array.from(high), Uint8Array.from(low)])
}

/** Encapsulated pixel data: empty offset table, one fragment, sequence delimiter. */
function encapsulated(frame: Uint8Array): Uint8Array {
  const item = (tagEl: number, body: Uint8Array) => {
    const head = new DataView(new ArrayBuffer(8))
    head.setUint16(0, 0xfffe, true)
    head.setUint16(2, tagEl, true)
    head.setUint32(4, body.byteLength, true)
    return concat([new Uint8Array(head.buffer), body])
  }
  const even = frame.byteLength % 2 ? concat([frame, new Uint8Array(1)]) : frame
  return concat([item(0xe000, new Uint8Array(0)), item(0xe000, even), item(0xe0dd, new Uint8Array(0))])
}

/**
 * A 16-bit monochrome CT image as a DICOM Part 10 file, written by hand (no DICOM writer is on
 * npm or in a clean clone). JPEG-LS frames come from the npm-shipped ffmpeg's jpegls encoder.
 */
export function makeDicom(spec: DicomSpec): Uint8Array {
  const uid = SYNTAX[spec.syntax]
  const explicit = spec.syntax !== 'implicit'
  const meta = concat([
    element(0x0002, 0x0001, 'OB', new Uint8Array([0, 1]), true),
    element(0x0002, 0x0002, 'UI', text('1.2.840.10008.5.1.4.1.1.2'), true),
    element(0x0002, 0x0003, 'UI', text('1.2.3.4.5.6.7'), true),
    element(0x0002, 0x0010, 'UI', text(uid), true),
  ])
  const group = element(0x0002, 0x0000, 'UL', ul(meta.byteLength), true)
  const raw = new Uint8Array(spec.pixels.buffer, spec.pixels.byteOffset, spec.pixels.byteLength)
  const compressed =
    spec.syntax === 'rle'
      ? rleFrame(spec.pixels)
      : spec.syntax === 'jpegLs'
        ? jpegLs(spec)
        : spec.syntax === 'mpeg2'
          ? raw
          : undefined
  const pixelData = compressed
    ? element(0x7fe0, 0x0010, 'OB', encapsulated(compressed), explicit, true)
    : element(0x7fe0, 0x0010, 'OW', raw, explicit)
  const data = concat([
    element(0x0008, 0x0016, 'UI', text('1.2.840.10008.5.1.4.1.1.2'), explicit),
    element(0x0008, 0x0018, 'UI', text('1.2.3.4.5.6.7'), explicit),
    element(0x0008, 0x0060, 'CS', text('CT'), explicit),
    element(0x0010, 0x0010, 'PN', text('Doe^Jane'), explicit),
    element(0x0010, 0x0020, 'LO', text('SHOAL-1'), explicit),
    element(0x0028, 0x0002, 'US', us(1), explicit),
    element(0x0028, 0x0004, 'CS', text('MONOCHROME2'), explicit),
    ...(spec.frames !== undefined
      ? [element(0x0028, 0x0008, 'IS', text(String(spec.frames)), explicit)]
      : []),
    element(0x0028, 0x0010, 'US', us(spec.rows), explicit),
    element(0x0028, 0x0011, 'US', us(spec.cols), explicit),
    element(0x0028, 0x0100, 'US', us(16), explicit),
    element(0x0028, 0x0101, 'US', us(16), explicit),
    element(0x0028, 0x0102, 'US', us(15), explicit),
    element(0x0028, 0x0103, 'US', us(0), explicit),
    element(0x0028, 0x1052, 'DS', text('-1024'), explicit),
    element(0x0028, 0x1053, 'DS', text('1'), explicit),
    pixelData,
  ])
  return concat([new Uint8Array(128), text('DICM'), group, meta, data])
}

function jpegLs(spec: DicomSpec): Uint8Array {
  const raw = new Uint8Array(spec.pixels.buffer, spec.pixels.byteOffset, spec.pixels.byteLength)
  return ffmpeg(
    [
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray16le',
      '-s',
      `${spec.cols}x${spec.rows}`,
      '-i',
      'pipe:0',
      '-c:v',
      'jpegls',
      '-f',
      'image2pipe',
      'pipe:1',
    ],
    raw,
  )
}

/** Test pixels: a ramp with values above 255, so both bytes matter. */
export function rampPixels(rows: number, cols: number): Uint16Array {
  return Uint16Array.from({ length: rows * cols }, (_, i) => (i * 37) % 4096)
}
