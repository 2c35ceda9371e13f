import type { OpenDatasetOptions } from '@shoal/core'
import type { HtypeConformanceOptions } from './types.js'

/** The tensor every check writes its samples to. */
export const TENSOR = 'samples'

/** The plugin passed the explicit way, `openDataset(url, { htypes, codecs })`, without registering it. */
export function localPlugins(
  options: HtypeConformanceOptions,
): Pick<OpenDatasetOptions, 'htypes' | 'codecs'> {
  return { htypes: options.htypes, codecs: options.codecs ?? [] }
}
