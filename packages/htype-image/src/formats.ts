/** Which decoder/encoder implements a format; each is loaded on first use. */
export type ImageEngine = 'sharp' | 'bmp' | 'ico' | 'jpeg2000' | 'netpbm' | 'tga' | 'pcx'

/** One Deep Lake image compression and how Shoal handles it. */
export interface ImageFormat {
  /** The name stored in tensor_meta. */
  readonly name: string
  readonly aliases?: readonly string[]
  /** File name endings (without dot) that imply the format. */
  readonly extensions: readonly string[]
  /** Undefined: Shoal has no maintained decoder for it and refuses it (the reason is in `unsupported`). */
  readonly engine?: ImageEngine
  /** False when arrays cannot be encoded into it (decode only). */
  readonly encodes: boolean
  /** The library doing the work, for the README table and error messages. */
  readonly library: string
  /** Why the format is refused, when it is. */
  readonly unsupported?: string
  /** dtypes arrays must have to be encoded. */
  readonly encodeDtypes?: readonly string[]
  /** Channel counts the format stores. */
  readonly encodeChannels?: readonly number[]
}

const NO_DECODER = 'no maintained JavaScript decoder exists for it'

/**
 * Every image compression of Deep Lake 3.x (the htype reference's list plus mpo), in one table:
 * the codecs, the README and the tests are all built from it.
 */
export const imageFormats: readonly ImageFormat[] = [
  {
    name: 'jpeg',
    aliases: ['jpg'],
    extensions: ['jpg', 'jpeg', 'jfif', 'pjpeg', 'pjp'],
    engine: 'sharp',
    encodes: true,
    library: 'sharp (libvips, mozjpeg); 8-bit files decode with @napi-rs/image when installed',
    encodeDtypes: ['uint8'],
    encodeChannels: [1, 3],
  },
  {
    name: 'png',
    extensions: ['png'],
    engine: 'sharp',
    encodes: true,
    library: 'sharp (libvips, libpng)',
    encodeDtypes: ['uint8', 'uint16', 'bool'],
    encodeChannels: [1, 2, 3, 4],
  },
  {
    name: 'webp',
    extensions: ['webp'],
    engine: 'sharp',
    encodes: true,
    library: 'sharp (libvips, libwebp)',
    encodeDtypes: ['uint8'],
    encodeChannels: [1, 3, 4],
  },
  {
    name: 'gif',
    extensions: ['gif'],
    engine: 'sharp',
    encodes: true,
    library: 'sharp (libvips, cgif)',
    encodeDtypes: ['uint8'],
    encodeChannels: [1, 3, 4],
  },
  {
    name: 'tiff',
    aliases: ['tif'],
    extensions: ['tiff', 'tif'],
    engine: 'sharp',
    encodes: true,
    library: 'sharp (libvips, libtiff)',
    encodeDtypes: ['uint8', 'uint16'],
    encodeChannels: [1, 2, 3, 4],
  },
  { name: 'mpo', extensions: ['mpo'], engine: 'sharp', encodes: false, library: 'sharp (first picture)' },
  {
    name: 'bmp',
    extensions: ['bmp'],
    engine: 'bmp',
    encodes: true,
    library: 'bmp-ts',
    encodeDtypes: ['uint8'],
    encodeChannels: [1, 3],
  },
  {
    name: 'dib',
    extensions: ['dib'],
    engine: 'bmp',
    encodes: true,
    library: 'bmp-ts',
    encodeDtypes: ['uint8'],
    encodeChannels: [1, 3],
  },
  {
    name: 'ico',
    extensions: ['ico'],
    engine: 'ico',
    encodes: false,
    library: 'decode-ico (+ sharp for PNG entries)',
  },
  {
    name: 'jpeg2000',
    aliases: ['jp2'],
    extensions: ['jp2', 'j2k', 'jpf', 'jpm', 'jpg2', 'j2c', 'jpc', 'jpx', 'mj2'],
    engine: 'jpeg2000',
    encodes: false,
    library: '@cornerstonejs/codec-openjpeg (OpenJPEG, wasm)',
  },
  {
    name: 'ppm',
    extensions: ['ppm', 'pgm', 'pbm', 'pnm'],
    engine: 'netpbm',
    encodes: true,
    library: 'Shoal (netpbm is a few lines of header; no maintained npm codec)',
    encodeDtypes: ['uint8', 'uint16'],
    encodeChannels: [1, 3],
  },
  {
    name: 'tga',
    extensions: ['tga'],
    engine: 'tga',
    encodes: true,
    library: '@lunapaint/tga-codec',
    encodeDtypes: ['uint8'],
    encodeChannels: [1, 3, 4],
  },
  { name: 'pcx', extensions: ['pcx'], engine: 'pcx', encodes: false, library: 'pcx-js' },
  ...['sgi', 'wmf', 'xbm', 'eps', 'fli', 'im', 'msp'].map(
    (name): ImageFormat => ({
      name,
      extensions: [name],
      encodes: false,
      library: '—',
      unsupported: NO_DECODER,
    }),
  ),
]
