import { createRequire } from 'node:module'
import type { CodecImplementation } from '@shoal/core/plugin'
import { type DecodedImage, shapeOf, toTensorPixels } from './decoded.js'
import { interop } from './interop.js'

type DecodeIco = (
  source: Uint8Array,
) => (
  | { type: 'bmp'; width: number; height: number; data: Uint8ClampedArray }
  | { type: 'png'; width: number; height: number; data: Uint8Array }
)[]

type Sharp = typeof import('sharp').default

/** ICO through decode-ico: the largest entry, as RGBA (Pillow opens the largest one too). */
export function icoCodec(): CodecImplementation {
  const require = createRequire(import.meta.url)
  const decodeIco = require('decode-ico') as DecodeIco
  const decode = async (bytes: Uint8Array): Promise<DecodedImage> => {
    const entries = decodeIco(bytes)
    if (entries.length === 0) throw new Error('the icon has no images')
    const largest = entries.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a))
    if (largest.type === 'bmp') {
      const { width, height } = largest
      return {
        width,
        height,
        channels: 4,
        data: new Uint8Array(largest.data.buffer, largest.data.byteOffset, largest.data.byteLength),
      }
    }
    const sharp = interop(require('sharp')) as Sharp
    const { data, info } = await sharp(largest.data).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    return {
      width: info.width,
      height: info.height,
      channels: 4,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    }
  }
  return {
    decodeSample: async (bytes, context) => toTensorPixels(await decode(bytes), context),
    describeFile: async (bytes) => ({ shape: shapeOf(await decode(bytes)) }),
  }
}
