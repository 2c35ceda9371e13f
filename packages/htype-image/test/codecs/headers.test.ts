import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { jpegHeader, pngHeader } from '../../src/codecs/headers.js'
import { gradient } from '../helpers/images.js'

/** The shape sharp reports, the reference the header readers must agree with. */
async function sharpShape(bytes: Uint8Array): Promise<number[]> {
  const m = await sharp(bytes).metadata()
  return m.channels === 1 ? [m.height!, m.width!] : [m.height!, m.width!, m.channels!]
}

describe('header readers agree with sharp', () => {
  it.each([1, 3])('JPEG with %i channel(s), baseline and progressive, with EXIF', async (channels) => {
    const image = gradient(13, 7, channels)
    for (const progressive of [false, true]) {
      let pipeline = sharp(image.data, { raw: { width: 7, height: 13, channels: channels as 1 | 3 } })
      if (channels === 1) pipeline = pipeline.toColourspace('b-w')
      const file = new Uint8Array(
        await pipeline
          .withExif({ IFD0: { Make: 'X' } })
          .jpeg({ progressive })
          .toBuffer(),
      )
      const header = jpegHeader(file)!
      expect(header.shape).toEqual(await sharpShape(file))
      expect(header.exif).toBeDefined()
    }
  })

  it.each([1, 2, 3, 4])('PNG with %i channel(s)', async (channels) => {
    let pipeline = sharp(gradient(5, 9, channels).data, {
      raw: { width: 9, height: 5, channels: channels as 1 | 2 | 3 | 4 },
    })
    if (channels <= 2) pipeline = pipeline.toColourspace('b-w')
    const file = new Uint8Array(await pipeline.png().toBuffer())
    expect(pngHeader(file)!.shape).toEqual(await sharpShape(file))
  })

  it('leaves palette PNGs and non-images to sharp', async () => {
    const palette = new Uint8Array(
      await sharp(gradient(4, 4, 3).data, { raw: { width: 4, height: 4, channels: 3 } })
        .png({ palette: true })
        .toBuffer(),
    )
    expect(pngHeader(palette)).toBeUndefined()
    expect(jpegHeader(new TextEncoder().encode('not a jpeg'))).toBeUndefined()
  })
})
