import { inflateSync } from 'node:zlib'
import type { NDArray } from '../../src/ndarray.js'
import { defineCodec, defineHtype } from '../../src/plugin.js'

/**
 * A small, real PNG decoder (8-bit gray/RGB/RGBA, non-interlaced, all five filters) built on
 * node:zlib, so core's engine can be checked against the Python-written image fixtures without the
 * image package. @shoal/htype-image replaces it with sharp.
 */
export function decodePng(bytes: Uint8Array): NDArray<'uint8'> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0) !== 0x89504e47) throw new Error('not a PNG file')
  let offset = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Uint8Array[] = []
  while (offset < bytes.byteLength) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8))
    const body = bytes.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      const bodyView = new DataView(body.buffer, body.byteOffset, body.byteLength)
      width = bodyView.getUint32(0)
      height = bodyView.getUint32(4)
      const depth = body[8]!
      const colour = body[9]!
      if (depth !== 8 || body[12] !== 0)
        throw new Error(`unsupported PNG (depth ${depth}, interlace ${body[12]})`)
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour] ?? 0
      if (channels === 0) throw new Error(`unsupported PNG colour type ${colour}`)
    } else if (type === 'IDAT') idat.push(body)
    else if (type === 'IEND') break
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const out = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? out[y * stride + x - channels]! : 0
      const up = y > 0 ? out[(y - 1) * stride + x]! : 0
      const upLeft = y > 0 && x >= channels ? out[(y - 1) * stride + x - channels]! : 0
      let predictor = 0
      if (filter === 1) predictor = left
      else if (filter === 2) predictor = up
      else if (filter === 3) predictor = (left + up) >> 1
      else if (filter === 4) {
        const p = left + up - upLeft
        const pa = Math.abs(p - left)
        const pb = Math.abs(p - up)
        const pc = Math.abs(p - upLeft)
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
      }
      out[y * stride + x] = (line[x]! + predictor) & 0xff
    }
  }
  return { dtype: 'uint8', shape: channels === 1 ? [height, width] : [height, width, channels], data: out }
}

/** The test PNG codec (decode only). */
export const testPngCodec = defineCodec({
  specVersion: 1,
  name: 'png',
  providedBy: 'core-tests',
  kind: 'image',
  extensions: ['png'],
  matchesMagic: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  loadCodec: () => ({
    decodeSample: (bytes) => decodePng(bytes),
    readShape: (bytes) => [...decodePng(bytes).shape],
  }),
})

/** Plain array htypes standing in for the image package's, for engine tests. */
export const testImageHtypes = ['image', 'image.gray', 'image.rgb'].map((name) =>
  defineHtype({
    specVersion: 1,
    name,
    providedBy: 'core-tests',
    layout: 'array',
    defaultDtype: 'uint8',
    compressions: 'any',
    companions: { shape: true, info: name === 'image' },
  }),
)
