/** Content types of stored files, by the tensor's sample compression. */

const TYPES: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  mp4: 'video/mp4',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  dcm: 'application/dicom',
  nii: 'application/octet-stream',
  'nii.gz': 'application/gzip',
  las: 'application/octet-stream',
  ply: 'application/octet-stream',
  stl: 'model/stl',
}

/** The content type of a file stored with `compression`; octet-stream when unknown. */
export function mimeOf(compression: string | null): string {
  return (compression && TYPES[compression]) || 'application/octet-stream'
}
