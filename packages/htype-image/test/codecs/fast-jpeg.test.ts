import type { NDArray } from '@shoal/core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { decodeJpegFast, hasFastJpeg } from '../../src/codecs/fast-jpeg-engine.js'
import { jpegHeader } from '../../src/codecs/headers.js'
import { sharpCodec } from '../../src/codecs/sharp-engine.js'
import { imageFormats } from '../../src/formats.js'
import { gradient, maxDiff } from '../helpers/images.js'

async function jpegOf(
  height: number,
  width: number,
  channels: 1 | 3,
  progressive = false,
): Promise<Uint8Array> {
  let pipeline = sharp(gradient(height, width, channels).data, { raw: { width, height, channels } })
  if (channels === 1) pipeline = pipeline.toColourspace('b-w')
  return new Uint8Array(await pipeline.jpeg({ quality: 90, progressive }).toBuffer())
}

const jpeg = imageFormats.find((format) => format.name === 'jpeg')!

async function sharpPixels(file: Uint8Array, gray: boolean): Promise<NDArray> {
  // sharp widens gray to sRGB unless told to keep it gray.
  const pipeline = gray ? sharp(file).toColourspace('b-w') : sharp(file)
  return { dtype: 'uint8', shape: [], data: new Uint8Array(await pipeline.raw().toBuffer()) }
}

describe('fast JPEG decoding (@napi-rs/image)', () => {
  it('is installed here, so the fast path is what the tests and benchmarks exercise', () => {
    expect(hasFastJpeg()).toBe(true)
  })

  it.each([
    [1, false],
    [3, false],
    [3, true],
  ] as const)(
    'decodes %i channel(s) (progressive: %s) in the header’s shape, within a few levels of sharp',
    async (channels, progressive) => {
      const file = await jpegOf(37, 23, channels, progressive)
      const fast = await decodeJpegFast(file, jpegHeader(file)!)
      expect(fast!.dtype).toBe('uint8')
      expect(fast!.shape).toEqual(channels === 1 ? [37, 23] : [37, 23, 3])
      // Two libjpeg-compatible decoders differ only by IDCT rounding.
      expect(maxDiff(fast!, await sharpPixels(file, channels === 1))).toBeLessThanOrEqual(6)
    },
  )

  it('applies no EXIF rotation, like Pillow and the sharp path', async () => {
    const rotated = new Uint8Array(
      await sharp(gradient(20, 10, 3).data, { raw: { width: 10, height: 20, channels: 3 } })
        .withMetadata({ orientation: 6 })
        .jpeg()
        .toBuffer(),
    )
    expect((await decodeJpegFast(rotated, jpegHeader(rotated)!))!.shape).toEqual([20, 10, 3])
  })

  it('gives up on a broken file, and the codec then reports it through sharp', async () => {
    const file = await jpegOf(16, 16, 3)
    const broken = file.slice(0, 200)
    expect(await decodeJpegFast(broken, jpegHeader(file)!)).toBeUndefined()
    const codec = sharpCodec(jpeg)
    await expect(codec.decodeSample!(broken, { dtype: 'uint8', htype: 'image' })).rejects.toThrow()
  })

  it('gives up when the pixels do not match the header’s shape', async () => {
    const file = await jpegOf(16, 16, 3)
    expect(await decodeJpegFast(file, { shape: [16, 16] })).toBeUndefined()
  })

  it('serves the codec: a gray file in an RGB tensor comes back with three equal channels', async () => {
    const file = await jpegOf(9, 11, 1)
    const codec = sharpCodec(jpeg)
    const image = await codec.decodeSample!(file, { dtype: 'uint8', htype: 'image', shape: [9, 11, 3] })
    expect(image.shape).toEqual([9, 11, 3])
    const data = image.data as Uint8Array
    let unequal = 0
    for (let i = 0; i < data.length; i += 3) if (data[i + 1] !== data[i] || data[i + 2] !== data[i]) unequal++
    expect(unequal).toBe(0)
  })
})
