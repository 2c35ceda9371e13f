/**
 * The fast path for decoding baseline/progressive 8-bit JPEGs: @napi-rs/image (Rust, decoding on
 * libuv's pool) runs 2.5-3x faster than sharp on small images, where libvips' per-image pipeline
 * set-up costs more than the decode. It is an optional dependency: without it, or for any file it
 * does not decode to the shape the header promises, sharp decodes as before.
 */
import { createRequire } from 'node:module'
import type { NDArray } from '@shoal/core/plugin'
import type { HeaderInfo } from './headers.js'

interface NapiImage {
  Transformer: new (input: Uint8Array) => { rawPixels(): Promise<Uint8Array> }
}

/** undefined: not tried yet; null: not installed (or not loadable on this platform). */
let napiImage: NapiImage | null | undefined

function loadNapiImage(): NapiImage | null {
  if (napiImage === undefined) {
    try {
      napiImage = createRequire(import.meta.url)('@napi-rs/image') as NapiImage
    } catch {
      napiImage = null
    }
  }
  return napiImage
}

/**
 * The pixels of an 8-bit JPEG whose header gave `header.shape` (`[h, w]` gray or `[h, w, 3]`), as
 * uint8 in that shape; undefined when the fast decoder is missing or fails (the caller then asks
 * sharp, which also reports a broken file). Like Pillow and the sharp path, no EXIF rotation and
 * no colour-profile conversion are applied.
 */
export async function decodeJpegFast(bytes: Uint8Array, header: HeaderInfo): Promise<NDArray | undefined> {
  const napi = loadNapiImage()
  if (!napi) return undefined
  let pixels: Uint8Array
  try {
    pixels = await new napi.Transformer(bytes).rawPixels()
  } catch {
    return undefined
  }
  const expected = header.shape.reduce((a, b) => a * b, 1)
  if (pixels.byteLength !== expected) return undefined
  return {
    dtype: 'uint8',
    shape: [...header.shape],
    data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength),
  }
}

/** True when the fast decoder is installed and loads here (for tests and diagnostics). */
export function hasFastJpeg(): boolean {
  return loadNapiImage() !== null
}
