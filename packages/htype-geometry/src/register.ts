// The package's only side effect: make its htypes and codecs known to every copy of @shoal/core.
import { registerCodecs, registerHtypes } from '@shoal/core/plugin'
import { geometryCodecs, geometryHtypes } from './index.js'

registerHtypes(geometryHtypes)
registerCodecs(geometryCodecs)
