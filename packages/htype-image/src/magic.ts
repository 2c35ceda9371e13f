/** Magic-byte tests per image format: what `read()` uses before it looks at a file's extension. */
const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.byteLength >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b)

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0))

/** True when `bytes` is a JPEG with an MPO (multi-picture) APP2 segment. */
function isMpo(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0xff, 0xd8])) return false
  // Walk the header segments up to the first scan; MPF lives in an APP2 segment named "MPF\0".
  let offset = 2
  while (offset + 4 <= bytes.byteLength && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!
    if (marker === 0xda) return false
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!
    if (marker === 0xe2 && startsWith(bytes, ascii('MPF\0'), offset + 4)) return true
    offset += 2 + length
  }
  return false
}

export const imageMagic: Readonly<Record<string, (bytes: Uint8Array) => boolean>> = {
  jpeg: (b) => startsWith(b, [0xff, 0xd8, 0xff]) && !isMpo(b),
  mpo: isMpo,
  png: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  webp: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  gif: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
  tiff: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
  bmp: (b) => startsWith(b, ascii('BM')) && b.byteLength > 14,
  ico: (b) => startsWith(b, [0x00, 0x00, 0x01, 0x00]),
  jpeg2000: (b) =>
    startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) ||
    startsWith(b, [0xff, 0x4f, 0xff, 0x51]),
  ppm: (b) =>
    b[0] === 0x50 &&
    b[1] !== undefined &&
    b[1] >= 0x31 &&
    b[1] <= 0x36 &&
    /\s/.test(String.fromCharCode(b[2] ?? 0)),
  pcx: (b) => b[0] === 0x0a && b[2] === 0x01 && b.byteLength > 128,
  // TGA has no signature at the start: the v2 footer, else a plausible header (image type, depth).
  tga: (b) =>
    (b.byteLength > 26 &&
      new TextDecoder().decode(b.subarray(b.byteLength - 18, b.byteLength - 2)) === 'TRUEVISION-XFILE') ||
    (b.byteLength > 18 &&
      (b[1] === 0 || b[1] === 1) &&
      [1, 2, 3, 9, 10, 11].includes(b[2]!) &&
      [8, 15, 16, 24, 32].includes(b[16]!)),
  sgi: (b) => startsWith(b, [0x01, 0xda]),
  msp: (b) => startsWith(b, ascii('DanM')) || startsWith(b, ascii('LinS')),
  fli: (b) => b.byteLength > 6 && (b[4] === 0x11 || b[4] === 0x12) && b[5] === 0xaf,
  eps: (b) => startsWith(b, ascii('%!PS')) || startsWith(b, [0xc5, 0xd0, 0xd3, 0xc6]),
  wmf: (b) => startsWith(b, [0xd7, 0xcd, 0xc6, 0x9a]) || startsWith(b, [0x01, 0x00, 0x00, 0x00]),
  im: (b) => startsWith(b, ascii('Image type:')),
  xbm: (b) => startsWith(b, ascii('#define')),
}
