import { registerStorageScheme } from '@shoal/core/plugin'
import { s3Scheme } from './index.js'

registerStorageScheme(s3Scheme)
