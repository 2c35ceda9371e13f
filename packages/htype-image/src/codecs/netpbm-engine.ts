import type { CodecImplementation, NDArray } from '@shoal/core/plugin'
import { channelsOf } from '../pixels/channels.js'
import { type DecodedImage, shapeOf, toTensorPixels } from './decoded.js'

/**
 * PBM/PGM/PPM (P1–P6). Netpbm is a text header and raw samples; no maintained npm codec exists,
 * so Shoal reads and writes it itself.
 */
function parse(bytes: Uint8Array): DecodedImage & { bitmap: boolean } {
  const kind = bytes[1]! - 0x30
  if (bytes[0] !== 0x50 || kind < 1 || kind > 6) throw new Error('not a netpbm file')
  let offset = 2
  const fields: number[] = []
  const want = kind === 1 || kind === 4 ? 2 : 3
  while (fields.length < want) {
    while (offset < bytes.byteLength && /\s/.test(String.fromCharCode(bytes[offset]!))) offset++
    if (bytes[offset] === 0x23) {
      while (offset < bytes.byteLength && bytes[offset] !== 0x0a) offset++
      continue
    }
    let text = ''
    while (offset < bytes.byteLength && /[0-9]/.test(String.fromCharCode(bytes[offset]!)))
      text += String.fromCharCode(bytes[offset++]!)
    if (text === '') throw new Error('bad netpbm header')
    fields.push(Number(text))
  }
  offset++ // the single whitespace before binary data
  const [width, height] = fields as [number, number]
  const maxval = want === 3 ? fields[2]! : 1
  const channels = kind === 3 || kind === 6 ? 3 : 1
  const count = width * height * channels
  const wide = maxval > 255
  const data = wide ? new Uint16Array(count) : new Uint8Array(count)
  if (kind <= 3) {
    const text = new TextDecoder().decode(bytes.subarray(offset)).replace(/#[^\n]*/g, '')
    const values = kind === 1 ? text.replace(/\s/g, '').split('') : text.trim().split(/\s+/)
    if (values.length < count) throw new Error('netpbm data is truncated')
    for (let i = 0; i < count; i++) data[i] = kind === 1 ? (values[i] === '1' ? 0 : 255) : Number(values[i])
  } else if (kind === 4) {
    const rowBytes = Math.ceil(width / 8)
    if (bytes.byteLength < offset + rowBytes * height) throw new Error('netpbm data is truncated')
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const bit = (bytes[offset + y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1
        data[y * width + x] = bit ? 0 : 255 // 1 is black in PBM
      }
  } else {
    const size = wide ? 2 : 1
    if (bytes.byteLength < offset + count * size) throw new Error('netpbm data is truncated')
    for (let i = 0; i < count; i++)
      data[i] = wide ? (bytes[offset + 2 * i]! << 8) | bytes[offset + 2 * i + 1]! : bytes[offset + i]!
  }
  return { width, height, channels, data, bitmap: kind === 1 || kind === 4 }
}

export function netpbmCodec(): CodecImplementation {
  return {
    decodeSample: (bytes, context) => toTensorPixels(parse(bytes), context),
    describeFile: (bytes) => ({ shape: shapeOf(parse(bytes)) }),
    encodeSample(array: NDArray): Uint8Array {
      const [height, width] = array.shape as [number, number]
      const channels = channelsOf(array.shape)
      const wide = array.dtype === 'uint16'
      const header = new TextEncoder().encode(
        `P${channels === 3 ? 6 : 5}\n${width} ${height}\n${wide ? 65535 : 255}\n`,
      )
      const src = array.data as ArrayLike<number>
      const body = new Uint8Array(src.length * (wide ? 2 : 1))
      for (let i = 0; i < src.length; i++) {
        const v = array.dtype === 'bool' ? (src[i] ? 255 : 0) : src[i]!
        if (wide) {
          body[2 * i] = v >> 8
          body[2 * i + 1] = v & 0xff
        } else body[i] = v
      }
      const out = new Uint8Array(header.byteLength + body.byteLength)
      out.set(header)
      out.set(body, header.byteLength)
      return out
    },
  }
}
