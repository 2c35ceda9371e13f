import { createRequire } from 'node:module'
import type { CodecImplementation, NDArray } from '@shoal/core/plugin'
import type { ImageFormat } from '../formats.js'
import { encoderPixels } from '../pixels/cast.js'
import { channelsOf, toRgb } from '../pixels/channels.js'
import { type DecodedImage, shapeOf, toTensorPixels } from './decoded.js'

interface BmpTs {
  decode(
    data: Buffer,
    options?: { toRGBA?: boolean },
  ): {
    width: number
    height: number
    bitPP: number
    data: Buffer
    palette?: { red: number; green: number; blue: number }[]
  }
  encode(image: { width: number; height: number; data: Buffer; bitPP: number }): { data: Buffer }
}

const FILE_HEADER = 14

/** A DIB is a BMP without its 14-byte file header (Pillow writes it so): add one to decode it. */
function asBmp(bytes: Uint8Array): Buffer {
  if (bytes[0] === 0x42 && bytes[1] === 0x4d)
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerSize = view.getUint32(0, true)
  const bitCount = view.getUint16(14, true)
  const colours = view.getUint32(32, true) || (bitCount <= 8 ? 1 << bitCount : 0)
  const out = Buffer.alloc(FILE_HEADER + bytes.byteLength)
  out.write('BM', 0, 'latin1')
  out.writeUInt32LE(out.byteLength, 2)
  out.writeUInt32LE(FILE_HEADER + headerSize + colours * 4, 10)
  out.set(bytes, FILE_HEADER)
  return out
}

/** bmp and dib through bmp-ts: 1–32 bit files decode; arrays encode as 24- or 32-bit. */
export function bmpCodec(format: ImageFormat): CodecImplementation {
  const bmp = createRequire(import.meta.url)('bmp-ts') as BmpTs
  const decode = (bytes: Uint8Array): DecodedImage => {
    const decoded = bmp.decode(asBmp(bytes))
    const { width, height } = decoded
    // Like Pillow, 32-bit BMPs are read as RGB (the fourth byte is padding in BI_RGB files).
    const alpha = false
    const palette = decoded.palette ?? []
    const gray =
      decoded.bitPP <= 8 &&
      palette.length > 0 &&
      palette.every((c) => c.red === c.green && c.green === c.blue)
    const channels = alpha ? 4 : gray ? 1 : 3
    const data = new Uint8Array(width * height * channels)
    // bmp-ts gives ABGR per pixel.
    for (let p = 0; p < width * height; p++) {
      const s = p * 4
      if (gray) data[p] = decoded.data[s + 3]!
      else {
        data[p * channels] = decoded.data[s + 3]!
        data[p * channels + 1] = decoded.data[s + 2]!
        data[p * channels + 2] = decoded.data[s + 1]!
        if (alpha) data[p * channels + 3] = decoded.data[s]!
      }
    }
    return { width, height, channels, data }
  }
  return {
    decodeSample: (bytes, context) => toTensorPixels(decode(bytes), context),
    describeFile: (bytes) => ({ shape: shapeOf(decode(bytes)) }),
    encodeSample(array: NDArray): Uint8Array {
      const [height, width] = array.shape as [number, number]
      const alpha = false
      const rgb = channelsOf(array.shape) === 3 ? array : toRgb(array)
      const { data } = encoderPixels(rgb)
      const step = alpha ? 4 : 3
      const abgr = Buffer.alloc(width * height * 4)
      for (let p = 0; p < width * height; p++) {
        abgr[p * 4] = alpha ? data[p * step + 3]! : 0xff
        abgr[p * 4 + 1] = data[p * step + 2]!
        abgr[p * 4 + 2] = data[p * step + 1]!
        abgr[p * 4 + 3] = data[p * step]!
      }
      const file = bmp.encode({ width, height, data: abgr, bitPP: alpha ? 32 : 24 }).data
      const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength)
      return format.name === 'dib' ? bytes.slice(FILE_HEADER) : bytes
    },
  }
}
