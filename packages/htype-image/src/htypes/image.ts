import { defineHtype, type HtypeDefinition, type NDArray } from '@shoal/core/plugin'
import { imageFormats } from '../formats.js'
import { channelsOf, toGray, toRgb } from '../pixels/channels.js'
import { checkImageShape, invalidSample } from './validate.js'

const PACKAGE = '@shoal/htype-image'

/** Every image compression plus lz4 and the aliases (Deep Lake allows the same set for all three). */
const IMAGE_COMPRESSIONS = [...imageFormats.flatMap((f) => [f.name, ...(f.aliases ?? [])]), 'lz4'] as const

const base = {
  specVersion: 1,
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'uint8',
  compressions: IMAGE_COMPRESSIONS,
  requiresCompressionArgument: true,
  ranks: [2, 3],
  validateSample: checkImageShape,
} as const

/** `image`: (H, W, C) or (H, W) pixels; per-sample info (format, shape, filename, exif) in `_<name>_info`. */
export const imageHtype = defineHtype({
  ...base,
  name: 'image',
  metaDefaults: { intrinsics: null, _info: ['intrinsics'] },
  infoDefaults: { intrinsics: null },
  companions: { shape: true, info: true },
})

/** `image.rgb`: every sample is converted to three channels (gray repeated, alpha dropped). */
export const imageRgbHtype = defineHtype({
  ...base,
  name: 'image.rgb',
  companions: { shape: true },
  convertSample: (sample: NDArray, context) => {
    if (sample.shape.length !== 2 && sample.shape.length !== 3)
      invalidSample(
        context,
        `an image is (H, W) or (H, W, C); got shape [${sample.shape.join(', ')}]`,
        '(H, W, C)',
      )
    return channelsOf(sample.shape) === 3 && sample.shape.length === 3 ? sample : toRgb(sample)
  },
  keepsFile: (shape) => shape.length === 3 && shape[2] === 3,
})

/** `image.gray`: every sample is converted to one channel (Deep Lake's truncating luma). */
export const imageGrayHtype = defineHtype({
  ...base,
  name: 'image.gray',
  companions: { shape: true },
  convertSample: (sample: NDArray, context) => {
    if (sample.shape.length !== 2 && sample.shape.length !== 3)
      invalidSample(
        context,
        `an image is (H, W) or (H, W, C); got shape [${sample.shape.join(', ')}]`,
        '(H, W)',
      )
    if (sample.shape.length === 2 || channelsOf(sample.shape) === 1) return sample
    return toGray(sample)
  },
  keepsFile: (shape) => shape.length === 2 || shape[2] === 1,
})

export const imageHtypeDefinitions: readonly HtypeDefinition[] = [imageHtype, imageRgbHtype, imageGrayHtype]
