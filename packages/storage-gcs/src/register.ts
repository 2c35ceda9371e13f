import { registerStorageScheme } from '@shoal/core/plugin'
import { gcsSchemes } from './index.js'

for (const scheme of gcsSchemes) registerStorageScheme(scheme)
