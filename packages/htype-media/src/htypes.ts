import { defineHtype } from '@shoal/core/plugin'
import { PACKAGE } from './errors.js'

// Media tensors keep Python's per-sample info companion (fps, sample rate, header fields).
const companions = { shape: true, info: true } as const

/** Video clips, (frames, H, W, C) uint8; stored as mp4/mkv/avi files, or raw frames with no compression. */
export const videoHtype = defineHtype({
  specVersion: 1,
  name: 'video',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'uint8',
  compressions: ['mp4', 'mkv', 'avi'],
  requiresCompressionArgument: true,
  companions,
  ranks: [3, 4],
})

/** Audio, (samples, channels) float64; stored as mp3/wav/flac files, or raw PCM with no compression. */
export const audioHtype = defineHtype({
  specVersion: 1,
  name: 'audio',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'float64',
  compressions: ['mp3', 'wav', 'flac'],
  requiresCompressionArgument: true,
  companions,
  ranks: [1, 2],
})

/** NIfTI volumes, (H, W, slices[, t]); the dtype comes from the first file's header. */
export const niftiHtype = defineHtype({
  specVersion: 1,
  name: 'nifti',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: null,
  compressions: ['nii', 'nii.gz'],
  requiresCompressionArgument: true,
  companions,
})

/** DICOM images, (rows, cols, channels) or (frames, rows, cols, channels); stored as dcm files. */
export const dicomHtype = defineHtype({
  specVersion: 1,
  name: 'dicom',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: null,
  compressions: ['dcm'],
  defaultSampleCompression: 'dcm',
  companions,
})
