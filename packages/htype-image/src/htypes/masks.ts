import { defineHtype } from '@shoal/core/plugin'
import { invalidSample } from './validate.js'

const PACKAGE = '@shoal/htype-image'

/** `segment_mask`: one class index per pixel, (H, W) or (H, W, 1); names in `info.class_names`. */
export const segmentMaskHtype = defineHtype({
  specVersion: 1,
  name: 'segment_mask',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'uint32',
  compressions: 'any',
  metaDefaults: { class_names: [], _info: ['class_names'] },
  infoDefaults: { class_names: [] },
  companions: { shape: true, info: true },
  ranks: [2, 3],
  validateSample(sample, context) {
    const { shape } = sample
    if (shape.length === 3 && shape[2] !== 1 && shape.every((d) => d > 0))
      invalidSample(
        context,
        `a segment mask is (H, W) or (H, W, 1); got shape [${shape.join(', ')}] (use binary_mask for one channel per object)`,
        '(H, W) or (H, W, 1)',
      )
  },
})

/** `binary_mask`: (H, W, objects) booleans, one channel per object. */
export const binaryMaskHtype = defineHtype({
  specVersion: 1,
  name: 'binary_mask',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'bool',
  compressions: 'any',
  companions: { shape: true },
  ranks: [2, 3],
})

/** `instance_label`: per-pixel instance ids. */
export const instanceLabelHtype = defineHtype({
  specVersion: 1,
  name: 'instance_label',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'uint32',
  compressions: 'any',
  companions: { shape: true },
})
