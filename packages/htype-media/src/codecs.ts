import { type CompressionCodec, type CompressionKind, defineCodec } from '@shoal/core/plugin'
import { PACKAGE } from './errors.js'
import { mediaMagic } from './magic.js'

function mediaCodec(
  name: string,
  kind: CompressionKind,
  extensions: string[],
  load: CompressionCodec['loadCodec'],
): CompressionCodec {
  return defineCodec({
    specVersion: 1,
    name,
    providedBy: PACKAGE,
    kind,
    extensions,
    matchesMagic: mediaMagic[name]!,
    // Deep Lake never encodes arrays into media files: they are stored as read.
    readOnly: true,
    loadCodec: load,
  })
}

/** MP4, Matroska and AVI: container headers parsed here, frames decoded by an ffmpeg child process. */
export const mp4Codec = mediaCodec('mp4', 'video', ['mp4', 'm4v', 'mov'], async () =>
  (await import('./video/codec.js')).videoCodec('mp4'),
)
export const mkvCodec = mediaCodec('mkv', 'video', ['mkv', 'webm'], async () =>
  (await import('./video/codec.js')).videoCodec('mkv'),
)
export const aviCodec = mediaCodec('avi', 'video', ['avi'], async () =>
  (await import('./video/codec.js')).videoCodec('avi'),
)

/** MP3, WAV and FLAC: headers parsed here, PCM decoded by audio-decode in a worker thread. */
export const mp3Codec = mediaCodec('mp3', 'audio', ['mp3'], async () =>
  (await import('./audio/codec.js')).audioCodec('mp3'),
)
export const wavCodec = mediaCodec('wav', 'audio', ['wav'], async () =>
  (await import('./audio/codec.js')).audioCodec('wav'),
)
export const flacCodec = mediaCodec('flac', 'audio', ['flac'], async () =>
  (await import('./audio/codec.js')).audioCodec('flac'),
)

/** NIfTI-1/2, plain and gzipped: nifti-reader-js. */
export const niiCodec = mediaCodec('nii', 'nifti', ['nii'], async () =>
  (await import('./nifti/codec.js')).niftiCodec(false),
)
export const niiGzCodec = mediaCodec('nii.gz', 'nifti', ['nii.gz'], async () =>
  (await import('./nifti/codec.js')).niftiCodec(true),
)

/** DICOM: daikon (uncompressed, JPEG baseline/lossless, JPEG-LS, JPEG 2000, RLE). */
export const dcmCodec = mediaCodec('dcm', 'dicom', ['dcm', 'dicom'], async () =>
  (await import('./dicom/codec.js')).dicomCodec(),
)

/** Every codec of the package. */
export const mediaCodecs: readonly CompressionCodec[] = [
  mp4Codec,
  mkvCodec,
  aviCodec,
  mp3Codec,
  wavCodec,
  flacCodec,
  niiCodec,
  niiGzCodec,
  dcmCodec,
]
