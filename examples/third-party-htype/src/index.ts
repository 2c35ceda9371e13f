/**
 * shoal-htype-heatmap: an example third-party htype for Shoal. This entry is pure (definitions
 * only); `import 'shoal-htype-heatmap/register'` registers them, or pass `heatmapHtypes` to
 * `openDataset(url, { htypes })`.
 */
import type { HtypeDefinition } from '@shoal/core/plugin'
import { heatmapHtype } from './heatmap.js'

export { halfToNumber, isFiniteHalf } from './float16.js'
export { heatmapHtype } from './heatmap.js'

/** Every htype of the package: what `./register` registers. */
export const heatmapHtypes: readonly HtypeDefinition[] = [heatmapHtype]
