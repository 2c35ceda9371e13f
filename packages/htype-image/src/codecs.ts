import { type CodecImplementation, type CompressionCodec, defineCodec, ShoalError } from '@shoal/core/plugin'
import { type ImageFormat, imageFormats } from './formats.js'
import { imageMagic } from './magic.js'

const PACKAGE = '@shoal/htype-image'

/** Loads the engine of a format on first use (sharp, bmp-ts, decode-ico, OpenJPEG or netpbm). */
async function loadEngine(format: ImageFormat): Promise<CodecImplementation> {
  switch (format.engine) {
    case 'sharp':
      return (await import('./codecs/sharp-engine.js')).sharpCodec(format)
    case 'bmp':
      return (await import('./codecs/bmp-engine.js')).bmpCodec(format)
    case 'ico':
      return (await import('./codecs/ico-engine.js')).icoCodec()
    case 'jpeg2000':
      return (await import('./codecs/jpeg2000-engine.js')).jpeg2000Codec()
    case 'netpbm':
      return (await import('./codecs/netpbm-engine.js')).netpbmCodec()
    case 'tga':
      return (await import('./codecs/tga-engine.js')).tgaCodec()
    case 'pcx':
      return (await import('./codecs/pcx-engine.js')).pcxCodec()
    default:
      throw new ShoalError(
        'UNSUPPORTED',
        `image compression "${format.name}" is not supported: ${format.unsupported}`,
        {
          plugin: PACKAGE,
        },
      )
  }
}

function codecOf(format: ImageFormat): CompressionCodec {
  const magic = format.name === 'dib' ? dibMagic : imageMagic[format.name]
  return defineCodec({
    specVersion: 1,
    name: format.name,
    ...(format.aliases ? { aliases: format.aliases } : {}),
    providedBy: PACKAGE,
    kind: 'image',
    extensions: format.extensions,
    ...(magic ? { matchesMagic: magic } : {}),
    ...(format.encodes ? {} : { readOnly: true }),
    ...(format.encodeDtypes ? { encodeDtypes: format.encodeDtypes } : {}),
    ...(format.encodeChannels ? { encodeChannels: format.encodeChannels } : {}),
    ...(format.unsupported ? { unsupported: format.unsupported } : {}),
    loadCodec: () => loadEngine(format),
  })
}

/** A DIB starts with its info header (40, 108 or 124 bytes long), or is a whole BMP file. */
function dibMagic(bytes: Uint8Array): boolean {
  if (imageMagic.bmp!(bytes)) return true
  const size =
    bytes.byteLength >= 4 ? bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24) : 0
  return (size === 40 || size === 108 || size === 124) && bytes.byteLength > size
}

/**
 * One codec per Deep Lake image compression. Formats without a maintained decoder are
 * registered too, marked `unsupported`, so createTensor refuses them by name.
 */
export const imageCodecs: readonly CompressionCodec[] = imageFormats.map(codecOf)
