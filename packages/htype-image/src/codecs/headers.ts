/**
 * Image sizes and channels read straight from 8-bit JPEG and PNG headers, so storing a file as it
 * is costs no trip through libvips, and decoding one costs no metadata pass. Undefined when the
 * header is unusual; the caller then asks sharp.
 */
export interface HeaderInfo {
  readonly shape: number[]
  /** The EXIF block (TIFF header onwards, with the "Exif\0\0" prefix), when the file has one. */
  readonly exif?: Uint8Array
}

const shapeFor = (height: number, width: number, channels: number): number[] =>
  channels === 1 ? [height, width] : [height, width, channels]

/** JPEG: walk the marker segments to the first start-of-frame; collect APP1 EXIF on the way. */
export function jpegHeader(bytes: Uint8Array): HeaderInfo | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined
  let offset = 2
  let exif: Uint8Array | undefined
  while (offset + 4 <= bytes.byteLength) {
    if (bytes[offset] !== 0xff) return undefined
    const marker = bytes[offset + 1]!
    if (marker === 0xff) {
      offset++ // fill byte
      continue
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!
    const body = offset + 4
    if (marker === 0xe1 && length > 8 && bytes[body] === 0x45 && bytes[body + 1] === 0x78) {
      exif = bytes.subarray(body, offset + 2 + length) // "Exif\0\0" + TIFF
    }
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (body + 6 > bytes.byteLength) return undefined
      if (bytes[body] !== 8) return undefined // 12- and 16-bit samples: let sharp describe them
      const height = (bytes[body + 1]! << 8) | bytes[body + 2]!
      const width = (bytes[body + 3]! << 8) | bytes[body + 4]!
      const components = bytes[body + 5]!
      if (height === 0 || width === 0 || (components !== 1 && components !== 3)) return undefined
      return { shape: shapeFor(height, width, components), ...(exif ? { exif } : {}) }
    }
    if (marker === 0xda) return undefined
    offset += 2 + length
  }
  return undefined
}

/** PNG: IHDR gives the size and colour type; palettes need sharp (tRNS decides RGB or RGBA). */
export function pngHeader(bytes: Uint8Array): HeaderInfo | undefined {
  if (bytes.byteLength < 33 || bytes[12] !== 0x49 || bytes[13] !== 0x48) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  const depth = bytes[24]!
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[bytes[25]!]
  if (channels === undefined || depth > 8 || width === 0 || height === 0) return undefined
  return { shape: shapeFor(height, width, channels) }
}
