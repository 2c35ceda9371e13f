/**
 * @shoal/htype-image: Deep Lake's image and mask htypes and the image compressions, for Shoal.
 * This entry is pure; `import '@shoal/htype-image/register'` registers everything, or pass
 * `imageHtypes` and `imageCodecs` to `openDataset(url, { htypes, codecs })`.
 */
import type { HtypeDefinition } from '@shoal/core/plugin'
import { imageGrayHtype, imageHtype, imageRgbHtype } from './htypes/image.js'
import { binaryMaskHtype, instanceLabelHtype, segmentMaskHtype } from './htypes/masks.js'

export { imageCodecs } from './codecs.js'
export { type ImageFormat, imageFormats } from './formats.js'
export { imageGrayHtype, imageHtype, imageRgbHtype } from './htypes/image.js'
export { binaryMaskHtype, instanceLabelHtype, segmentMaskHtype } from './htypes/masks.js'

/** Every htype of the package. */
export const imageHtypes: readonly HtypeDefinition[] = [
  imageHtype,
  imageRgbHtype,
  imageGrayHtype,
  segmentMaskHtype,
  binaryMaskHtype,
  instanceLabelHtype,
]
