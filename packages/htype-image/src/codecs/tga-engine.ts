import { createRequire } from 'node:module'
import type { CodecImplementation, NDArray } from '@shoal/core/plugin'
import { encoderPixels } from '../pixels/cast.js'
import { channelsOf } from '../pixels/channels.js'
import { type DecodedImage, shapeOf, toTensorPixels } from './decoded.js'

interface TgaCodec {
  decodeTga(
    data: Uint8Array,
    options?: { strictMode?: boolean },
  ): Promise<{
    image: { data: Uint8Array; width: number; height: number }
    details: { header: { imageType: number; bitDepth: number } }
  }>
  encodeTga(
    image: { data: Uint8Array; width: number; height: number },
    options?: { bitDepth?: number; imageType?: number },
  ): Promise<{ data: Uint8Array }>
}

/** TGA image types (the codec's const enum, which does not exist at run time). */
const GRAYSCALE_TYPES = new Set([3, 11])
const UNCOMPRESSED_TRUE_COLOR = 2
const UNCOMPRESSED_GRAYSCALE = 3

/** TGA through @lunapaint/tga-codec: gray, RGB and RGBA, uncompressed or run-length encoded. */
export function tgaCodec(): CodecImplementation {
  const tga = createRequire(import.meta.url)('@lunapaint/tga-codec') as TgaCodec
  const decode = async (bytes: Uint8Array): Promise<DecodedImage> => {
    const { image, details } = await tga.decodeTga(bytes)
    const { imageType, bitDepth } = details.header
    // Like Pillow: gray types are L, 32-bit true colour is RGBA, everything else RGB.
    const channels = GRAYSCALE_TYPES.has(imageType) ? 1 : bitDepth === 32 ? 4 : 3
    const pixels = image.width * image.height
    const data = new Uint8Array(pixels * channels)
    for (let p = 0; p < pixels; p++)
      for (let c = 0; c < channels; c++) data[p * channels + c] = image.data[p * 4 + c]!
    return { width: image.width, height: image.height, channels, data }
  }
  return {
    decodeSample: async (bytes, context) => toTensorPixels(await decode(bytes), context),
    describeFile: async (bytes) => ({ shape: shapeOf(await decode(bytes)) }),
    async encodeSample(array: NDArray): Promise<Uint8Array> {
      const [height, width] = array.shape as [number, number]
      const channels = channelsOf(array.shape)
      const { data } = encoderPixels(array)
      const rgba = new Uint8Array(width * height * 4)
      for (let p = 0; p < width * height; p++) {
        const s = p * channels
        rgba[p * 4] = data[s]!
        rgba[p * 4 + 1] = channels >= 3 ? data[s + 1]! : data[s]!
        rgba[p * 4 + 2] = channels >= 3 ? data[s + 2]! : data[s]!
        rgba[p * 4 + 3] = channels === 4 ? data[s + 3]! : 255
      }
      const options =
        channels === 1
          ? { bitDepth: 8, imageType: UNCOMPRESSED_GRAYSCALE }
          : { bitDepth: channels === 4 ? 32 : 24, imageType: UNCOMPRESSED_TRUE_COLOR }
      return (await tga.encodeTga({ data: rgba, width, height }, options)).data
    },
  }
}
