import { createRequire } from 'node:module'
import type { CodecImplementation } from '@shoal/core/plugin'
import { type DecodedImage, shapeOf, toTensorPixels } from './decoded.js'

interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array
  decode(): void
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number }
  getDecodedBuffer(): Uint8Array
  delete(): void
}
interface OpenJpeg {
  J2KDecoder: new () => J2KDecoder
}

let module: Promise<OpenJpeg> | undefined

/** OpenJPEG compiled to wasm, loaded once on first use. */
function openJpeg(): Promise<OpenJpeg> {
  module ??= (async () => {
    const factory = createRequire(import.meta.url)('@cornerstonejs/codec-openjpeg/decodewasmjs') as (
      options?: object,
    ) => Promise<OpenJpeg>
    // OpenJPEG prints [INFO] lines through Emscripten's print hooks: keep them off stdout.
    return factory({ print: () => {}, printErr: () => {} })
  })()
  return module
}

/** JPEG 2000 (jp2 and raw codestreams), decode only. */
export function jpeg2000Codec(): CodecImplementation {
  const decode = async (bytes: Uint8Array): Promise<DecodedImage> => {
    const decoder = new (await openJpeg()).J2KDecoder()
    try {
      decoder.getEncodedBuffer(bytes.byteLength).set(bytes)
      decoder.decode()
      const info = decoder.getFrameInfo()
      const raw = decoder.getDecodedBuffer()
      const wide = info.bitsPerSample > 8
      const data = wide
        ? new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))
        : raw.slice()
      return { width: info.width, height: info.height, channels: info.componentCount, data }
    } finally {
      decoder.delete()
    }
  }
  return {
    decodeSample: async (bytes, context) => toTensorPixels(await decode(bytes), context),
    describeFile: async (bytes) => ({ shape: shapeOf(await decode(bytes)) }),
  }
}
