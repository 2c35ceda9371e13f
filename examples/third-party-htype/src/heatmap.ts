import { defineHtype, type NDArray, ShoalError, type ValidateContext } from '@shoal/core/plugin'
import { isFiniteHalf } from './float16.js'

/** The npm package name, quoted by Shoal's errors when a dataset needs this plugin. */
export const PACKAGE = 'shoal-htype-heatmap'

/**
 * Refuses a heatmap with a NaN or infinite cell, naming the tensor, the sample and the cell.
 * Core has already checked the rank (`ranks: [2]`) and cast the values to float16.
 */
function checkFinite(sample: NDArray, context: ValidateContext): void {
  const bits = sample.data as Uint16Array
  const bad = bits.findIndex((b) => !isFiniteHalf(b))
  if (bad === -1) return
  const width = sample.shape[1] ?? 1
  throw new ShoalError(
    'INVALID_SAMPLE',
    `tensor "${context.tensor}", sample ${context.index}: a heatmap holds finite values; cell (${Math.floor(bad / width)}, ${bad % width}) is not finite`,
    { tensor: context.tensor, index: context.index, expected: 'finite float16 values' },
  )
}

/**
 * `heatmap`: one (H, W) grid of float16 values per sample, such as a saliency or attention map.
 * Stored uncompressed unless the tensor asks for lz4.
 */
export const heatmapHtype = defineHtype({
  specVersion: 1,
  name: 'heatmap',
  providedBy: PACKAGE,
  version: '0.1.0',
  layout: 'array',
  defaultDtype: 'float16',
  dtypes: ['float16'],
  compressions: ['lz4'],
  ranks: [2],
  validateSample: checkFinite,
})
