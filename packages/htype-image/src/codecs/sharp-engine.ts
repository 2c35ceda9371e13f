import { createRequire } from 'node:module'
import type { CodecImplementation, DecodeContext, EncodeContext, NDArray } from '@shoal/core/plugin'
import { ShoalError } from '@shoal/core/plugin'
import type { ImageFormat } from '../formats.js'
import { castPixels, encoderPixels } from '../pixels/cast.js'
import { channelsOf, fitChannels } from '../pixels/channels.js'
import { checkComplete } from './complete.js'
import { readExif } from './exif.js'
import { decodeJpegFast } from './fast-jpeg-engine.js'
import { jpegHeader, pngHeader } from './headers.js'
import { interop } from './interop.js'

type Sharp = typeof import('sharp').default

let sharpModule: Sharp | undefined

/** sharp, loaded on first use; a missing native binary becomes MISSING_DEPENDENCY. */
function loadSharp(): Sharp {
  if (sharpModule) return sharpModule
  try {
    sharpModule = interop(createRequire(import.meta.url)('sharp')) as Sharp
  } catch (cause) {
    throw new ShoalError(
      'MISSING_DEPENDENCY',
      'sharp could not be loaded; install @shoal/htype-image with its optional dependencies (npm install sharp@0.35.5)',
      { cause, plugin: '@shoal/htype-image' },
    )
  }
  return sharpModule
}

/** Decoded pixels in the channel count the tensor stores and in its dtype. */
function fitToStored(image: NDArray, context: DecodeContext, sixteen: boolean): NDArray {
  const stored = context.shape
  let fitted = image
  if (stored && stored.length >= 2) {
    const want = stored.length === 3 ? stored[2]! : 1
    fitted = fitChannels(image, want, sixteen ? 65535 : 255)
  }
  return castPixels(fitted, context.dtype)
}

/** Size and channels from an 8-bit JPEG or PNG header; undefined for other formats and unusual files. */
function headerOf(format: string, bytes: Uint8Array) {
  return format === 'jpeg' ? jpegHeader(bytes) : format === 'png' ? pngHeader(bytes) : undefined
}

/** Python's Pillow writes JPEG at quality 75; Shoal encodes arrays the same way. */
const JPEG_QUALITY = 75

/** The sharp-backed implementation of one format (jpeg, png, webp, gif, tiff, mpo). */
export function sharpCodec(format: ImageFormat): CodecImplementation {
  const sharp = loadSharp()
  return {
    async decodeSample(bytes: Uint8Array, context: DecodeContext): Promise<NDArray> {
      // An 8-bit JPEG or PNG header says the channels; other files cost sharp a metadata pass
      // (a second trip through libuv's pool, a quarter of a small JPEG's decode time).
      const header = headerOf(format.name, bytes)
      const fast = header && format.name === 'jpeg' ? await decodeJpegFast(bytes, header) : undefined
      if (fast) return fitToStored(fast, context, false)
      const pipeline = sharp(bytes, { pages: 1 })
      const meta = header ? { depth: 'uchar', channels: header.shape[2] ?? 1 } : await pipeline.metadata()
      const sixteen = meta.depth === 'ushort' && context.dtype !== 'uint8'
      // Gray files stay gray: sharp's default output colourspace would widen them to sRGB.
      const gray = (meta.channels ?? 3) <= 2
      const output = gray ? pipeline.toColourspace(sixteen ? 'grey16' : 'b-w') : pipeline
      const { data, info } = await output
        .raw(sixteen ? { depth: 'ushort' } : {})
        .toBuffer({ resolveWithObject: true })
      const pixels = sixteen
        ? new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      const image: NDArray = {
        dtype: sixteen ? 'uint16' : 'uint8',
        shape: info.channels === 1 ? [info.height, info.width] : [info.height, info.width, info.channels],
        data: pixels,
      }
      return fitToStored(image, context, sixteen)
    },

    async encodeSample(array: NDArray, context: EncodeContext): Promise<Uint8Array> {
      const [height, width] = array.shape as [number, number]
      const channels = channelsOf(array.shape)
      const { data, depth } = encoderPixels(array)
      let pipeline = sharp(data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
      // Without this sharp widens one- and two-channel input to sRGB.
      if (channels <= 2) pipeline = pipeline.toColourspace(depth === 16 ? 'grey16' : 'b-w')
      try {
        switch (format.name) {
          case 'jpeg':
            return new Uint8Array(await pipeline.jpeg({ quality: JPEG_QUALITY }).toBuffer())
          case 'png':
            return new Uint8Array(await pipeline.png().toBuffer())
          case 'webp':
            return new Uint8Array(await pipeline.webp({ quality: 80 }).toBuffer())
          case 'gif':
            return new Uint8Array(await pipeline.gif().toBuffer())
          case 'tiff':
            return new Uint8Array(await pipeline.tiff({ compression: 'lzw' }).toBuffer())
        }
      } catch (cause) {
        throw new ShoalError(
          'INVALID_SAMPLE',
          `tensor "${context.tensor}", sample ${context.index}: ${format.name} could not encode shape [${array.shape.join(', ')}] (${(cause as Error).message})`,
          {
            ...(context.tensor ? { tensor: context.tensor } : {}),
            ...(context.index !== undefined ? { index: context.index } : {}),
            cause,
          },
        )
      }
      throw new ShoalError(
        'UNSUPPORTED',
        `${format.name} files can be stored but arrays cannot be encoded into them`,
      )
    },

    async describeFile(bytes: Uint8Array) {
      checkComplete(format.name, bytes)
      const header = headerOf(format.name, bytes)
      if (header) return { shape: header.shape, info: { exif: header.exif ? readExif(header.exif) : {} } }
      const meta = await sharp(bytes, { pages: 1 }).metadata()
      if (!meta.width || !meta.height) throw new Error('no image size in the header')
      const channels = meta.channels ?? 3
      const shape = channels === 1 ? [meta.height, meta.width] : [meta.height, meta.width, channels]
      return { shape, info: { exif: meta.exif ? readExif(meta.exif) : {} } }
    },

    async readShape(bytes: Uint8Array) {
      const meta = await sharp(bytes, { pages: 1 }).metadata()
      const channels = meta.channels ?? 3
      return channels === 1 ? [meta.height!, meta.width!] : [meta.height!, meta.width!, channels]
    },
  }
}
