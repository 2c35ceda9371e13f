import { createRequire } from 'node:module'
import type { CodecImplementation } from '@shoal/core/plugin'
import { type DecodedImage, shapeOf, toTensorPixels } from './decoded.js'

type Pcx = new (
  buffer: ArrayBuffer,
) => { decode(): { width: number; height: number; pixelArray: Uint8Array | Uint8ClampedArray } }

/** PCX through pcx-js (24-bit, 8-bit palette and 4-bit files), decode only, as RGB. */
export function pcxCodec(): CodecImplementation {
  const PCX = createRequire(import.meta.url)('pcx-js') as Pcx
  const decode = (bytes: Uint8Array): DecodedImage => {
    const copy = bytes.slice().buffer
    const { width, height, pixelArray } = new PCX(copy).decode()
    if (!width || !height || pixelArray.length < width * height * 4)
      throw new Error('not a readable PCX file')
    const data = new Uint8Array(width * height * 3)
    for (let p = 0; p < width * height; p++) {
      data[p * 3] = pixelArray[p * 4]!
      data[p * 3 + 1] = pixelArray[p * 4 + 1]!
      data[p * 3 + 2] = pixelArray[p * 4 + 2]!
    }
    return { width, height, channels: 3, data }
  }
  return {
    decodeSample: (bytes, context) => toTensorPixels(decode(bytes), context),
    describeFile: (bytes) => ({ shape: shapeOf(decode(bytes)) }),
  }
}
