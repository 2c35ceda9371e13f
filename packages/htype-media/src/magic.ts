/** Content sniffers for the media formats; each looks only at the first bytes (DICOM: byte 128). */
const ascii = (b: Uint8Array, at: number, text: string) =>
  b.byteLength >= at + text.length && [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0))

export const mediaMagic: Readonly<Record<string, (bytes: Uint8Array) => boolean>> = {
  mp4: (b) => ascii(b, 4, 'ftyp'),
  mkv: (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3,
  avi: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI '),
  wav: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'),
  flac: (b) => ascii(b, 0, 'fLaC'),
  mp3: (b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && b[1] !== undefined && (b[1] & 0xe6) === 0xe2),
  dcm: (b) => ascii(b, 128, 'DICM'),
  nii: (b) => ascii(b, 344, 'n+1\0') || ascii(b, 4, 'n+2\0'),
  'nii.gz': (b) => b[0] === 0x1f && b[1] === 0x8b,
}
