// The package's only side effect: make its htypes known to every copy of @shoal/core.
import { registerHtypes } from '@shoal/core/plugin'
import { heatmapHtypes } from './index.js'

registerHtypes(heatmapHtypes)
