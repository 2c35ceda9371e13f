/** PNG encoding of raw pixels with sharp, loaded on the first picture the server paints. */
import { ShoalError } from '@shoal/core'

type Sharp = typeof import('sharp').default

let loading: Promise<Sharp> | undefined

function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then(
    (module) => ((module as { default?: Sharp }).default ?? (module as unknown as Sharp)) as Sharp,
    (cause: unknown) => {
      loading = undefined
      throw new ShoalError(
        'MISSING_DEPENDENCY',
        'sharp could not be loaded; reinstall @shoal/viewer (npm install sharp@0.35.5)',
        {
          cause,
          plugin: 'sharp',
        },
      )
    },
  )
  return loading
}

/** Raw 8-bit pixels, row after row, `channels` (1–4) per pixel. */
export interface RawPixels {
  readonly width: number
  readonly height: number
  readonly channels: 1 | 2 | 3 | 4
  readonly data: Uint8Array
}

/**
 * Encodes pixels as PNG. A low compression level: the PNG goes over loopback once, and a
 * smaller file would cost more time to make than it saves to send.
 */
export async function encodePng(pixels: RawPixels): Promise<Uint8Array> {
  const sharp = await loadSharp()
  const { width, height, channels, data } = pixels
  const out = await sharp(data, { raw: { width, height, channels } })
    .png({ compressionLevel: 2, adaptiveFiltering: false })
    .toBuffer()
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}
