/**
 * @shoal/htype-media: Deep Lake's video, audio, nifti and dicom htypes and their compressions.
 * This entry is pure (no decoder is loaded); `import '@shoal/htype-media/register'` registers
 * everything, or pass `mediaHtypes` and `mediaCodecs` to `openDataset(url, { htypes, codecs })`.
 */
import type { HtypeDefinition } from '@shoal/core/plugin'
import { audioHtype, dicomHtype, niftiHtype, videoHtype } from './htypes.js'

export { audioFullScale } from './audio/full-scale.js'
export {
  aviCodec,
  dcmCodec,
  flacCodec,
  mediaCodecs,
  mkvCodec,
  mp3Codec,
  mp4Codec,
  niiCodec,
  niiGzCodec,
  wavCodec,
} from './codecs.js'
export { DECODABLE_SYNTAXES } from './dicom/syntaxes.js'
export { FFMPEG_ENV } from './ffmpeg/locate.js'
export { audioHtype, dicomHtype, niftiHtype, videoHtype } from './htypes.js'
export type { VideoDecodeOptions } from './video/codec.js'

/** Every htype of the package. */
export const mediaHtypes: readonly HtypeDefinition[] = [videoHtype, audioHtype, niftiHtype, dicomHtype]
