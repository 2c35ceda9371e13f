/**
 * Stored image files the browser can show as they are: JPEG, PNG, GIF, WebP and BMP, recognised
 * by their magic bytes (not by the tensor's compression, which a file may not match) and checked
 * to be whole, so a truncated file is decoded — and reported — by the server instead.
 */

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  prefix.every((b, i) => bytes[at + i] === b)

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0))

function jpegComplete(bytes: Uint8Array): boolean {
  // Some writers pad after the end-of-image marker: look for it near the end.
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - 64); i--)
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true
  return false
}

function pngComplete(bytes: Uint8Array): boolean {
  return bytes.length >= 20 && startsWith(bytes, ascii('IEND'), bytes.length - 8)
}

function littleUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
}

/** The content type to serve `bytes` with unchanged, or undefined when they must be re-encoded. */
export function browserImageType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpegComplete(bytes) ? 'image/jpeg' : undefined
  if (startsWith(bytes, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a]))
    return pngComplete(bytes) ? 'image/png' : undefined
  if (startsWith(bytes, ascii('GIF8'))) return bytes[bytes.length - 1] === 0x3b ? 'image/gif' : undefined
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return littleUint32(bytes, 4) + 8 === bytes.length ? 'image/webp' : undefined
  if (startsWith(bytes, ascii('BM')) && bytes.length >= 14)
    return littleUint32(bytes, 2) <= bytes.length ? 'image/bmp' : undefined
  return undefined
}
