import { registerCodecs, registerHtypes } from '@shoal/core/plugin'
import { mediaCodecs, mediaHtypes } from './index.js'

registerHtypes(mediaHtypes)
registerCodecs(mediaCodecs)
