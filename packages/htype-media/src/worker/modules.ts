import { createRequire } from 'node:module'
import { mediaError, type SampleWhere } from '../errors.js'

/** Absolute path of a decoder package's entry, for the worker to load; MISSING_DEPENDENCY when absent. */
export function resolveDecoder(name: 'audio-decode' | 'daikon', version: string, where: SampleWhere): string {
  try {
    return createRequire(import.meta.url).resolve(name)
  } catch (cause) {
    throw mediaError('MISSING_DEPENDENCY', where, `the decoder package "${name}" is not installed`, {
      hint: `npm install ${name}@${version}`,
      plugin: name,
      cause,
    })
  }
}
