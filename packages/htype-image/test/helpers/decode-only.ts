import { createRequire } from 'node:module'
import type { NDArray } from '@shoal/core'
import { encodeWithSharp } from './images.js'

/** An ICO file holding one PNG entry, as icon editors write them. */
export async function makeIco(image: NDArray<'uint8'>): Promise<Uint8Array> {
  const png = await encodeWithSharp(image, 'png')
  const [height, width] = image.shape as [number, number]
  const header = Buffer.alloc(6 + 16)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // icon
  header.writeUInt16LE(1, 4) // one image
  header.writeUInt8(width % 256, 6)
  header.writeUInt8(height % 256, 7)
  header.writeUInt16LE(1, 10) // planes
  header.writeUInt16LE(32, 12) // bits per pixel
  header.writeUInt32LE(png.byteLength, 14)
  header.writeUInt32LE(header.byteLength, 18)
  return new Uint8Array(Buffer.concat([header, png]))
}

/**
 * An MPO: a JPEG whose header carries an APP2 "MPF" segment (the multi-picture index). Readers
 * that know MPO take its first picture, which is the JPEG itself.
 */
export async function makeMpo(image: NDArray<'uint8'>): Promise<Uint8Array> {
  const jpeg = Buffer.from(await encodeWithSharp(image, 'jpeg'))
  const body = Buffer.concat([
    Buffer.from('MPF\0', 'latin1'),
    Buffer.from('MM\0\x2a\0\0\0\x08\0\0', 'latin1'),
  ])
  const segment = Buffer.alloc(4)
  segment.writeUInt16BE(0xffe2, 0)
  segment.writeUInt16BE(body.byteLength + 2, 2)
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), segment, body, jpeg.subarray(2)]))
}

interface J2KEncoder {
  getDecodedBuffer(info: object): Uint8Array
  encode(): void
  getEncodedBuffer(): Uint8Array
  delete(): void
}

/** A lossless JPEG 2000 codestream made with OpenJPEG's encoder (needs at least 64×64 pixels here). */
export async function makeJpeg2000(image: NDArray<'uint8'>): Promise<Uint8Array> {
  const factory = createRequire(import.meta.url)('@cornerstonejs/codec-openjpeg/wasmjs') as (
    o: object,
  ) => Promise<{ J2KEncoder: new () => J2KEncoder }>
  const openjpeg = await factory({ print: () => {}, printErr: () => {} })
  const encoder = new openjpeg.J2KEncoder()
  const [height, width] = image.shape as [number, number]
  const componentCount = image.shape[2] ?? 1
  encoder
    .getDecodedBuffer({
      width,
      height,
      bitsPerSample: 8,
      componentCount,
      isSigned: false,
      isUsingColorTransform: false,
    })
    .set(image.data)
  encoder.encode()
  const out = encoder.getEncodedBuffer().slice()
  encoder.delete()
  return out
}

/** A 24-bit PCX (three 8-bit planes, run-length encoded), as paint programs write them. */
export function makePcx(image: NDArray<'uint8'>): Uint8Array {
  const [height, width] = image.shape as [number, number]
  const bytesPerLine = width + (width % 2)
  const header = Buffer.alloc(128)
  header.writeUInt8(0x0a, 0) // manufacturer
  header.writeUInt8(5, 1) // version
  header.writeUInt8(1, 2) // run-length encoding
  header.writeUInt8(8, 3) // bits per plane
  header.writeUInt16LE(width - 1, 8)
  header.writeUInt16LE(height - 1, 10)
  header.writeUInt16LE(72, 12)
  header.writeUInt16LE(72, 14)
  header.writeUInt8(3, 65) // planes
  header.writeUInt16LE(bytesPerLine, 66)
  header.writeUInt16LE(1, 68)
  const body: number[] = []
  const pixels = image.data as Uint8Array
  for (let y = 0; y < height; y++) {
    for (let plane = 0; plane < 3; plane++) {
      const line = Array.from({ length: bytesPerLine }, (_, x) =>
        x < width ? pixels[(y * width + x) * 3 + plane]! : 0,
      )
      for (let x = 0; x < line.length; ) {
        let run = 1
        while (x + run < line.length && line[x + run] === line[x] && run < 63) run++
        if (run > 1 || line[x]! >= 0xc0) body.push(0xc0 | run, line[x]!)
        else body.push(line[x]!)
        x += run
      }
    }
  }
  return new Uint8Array(Buffer.concat([header, Buffer.from(body)]))
}
