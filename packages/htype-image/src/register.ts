// The package's only side effect: make its htypes and codecs known to every copy of @shoal/core.
import { registerCodecs, registerHtypes } from '@shoal/core/plugin'
import { imageCodecs, imageHtypes } from './index.js'

registerHtypes(imageHtypes)
registerCodecs(imageCodecs)
