import { accessSync, constants } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'
import { mediaError, type SampleWhere } from '../errors.js'

/** Environment variable naming an ffmpeg binary; it wins over every other source. */
export const FFMPEG_ENV = 'SHOAL_FFMPEG_PATH'

/** The npm package that ships an ffmpeg binary. */
const FFMPEG_PACKAGE = '@ffmpeg-installer/ffmpeg'

/** How to get ffmpeg, quoted by MISSING_DEPENDENCY. */
export const FFMPEG_HINT = `install one with "npm install @ffmpeg-installer/ffmpeg@1.1.0" (the binary ships inside the package), put ffmpeg on PATH (e.g. "apt-get install ffmpeg"), or set ${FFMPEG_ENV} to its path`

/** Where to look for ffmpeg; injectable so tests can simulate a machine without one. */
export interface FfmpegSources {
  readonly env: string | undefined
  readonly installer: () => string | undefined
  readonly pathDirs: readonly string[]
}

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The binary shipped inside the @ffmpeg-installer/ffmpeg npm package, if installed. */
function fromInstaller(): string | undefined {
  try {
    return (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path?: string }).path
  } catch {
    return undefined
  }
}

const systemSources = (): FfmpegSources => ({
  env: process.env[FFMPEG_ENV],
  installer: fromInstaller,
  pathDirs: (process.env.PATH ?? '').split(delimiter).filter(Boolean),
})

/**
 * The ffmpeg binary to run: $SHOAL_FFMPEG_PATH, then @ffmpeg-installer/ffmpeg, then `ffmpeg` on
 * PATH. Throws MISSING_DEPENDENCY saying how to get one when none is usable.
 */
export function findFfmpeg(sources: FfmpegSources, where: SampleWhere = {}): string {
  if (sources.env) {
    if (executable(sources.env)) return sources.env
    throw mediaError(
      'MISSING_DEPENDENCY',
      where,
      `${FFMPEG_ENV} is "${sources.env}", which is not an executable ffmpeg`,
      {
        hint: FFMPEG_HINT,
        plugin: FFMPEG_PACKAGE,
      },
    )
  }
  const installed = sources.installer()
  if (installed && executable(installed)) return installed
  for (const dir of sources.pathDirs) if (executable(join(dir, 'ffmpeg'))) return join(dir, 'ffmpeg')
  throw mediaError('MISSING_DEPENDENCY', where, 'decoding video needs an ffmpeg binary, and none was found', {
    hint: FFMPEG_HINT,
    plugin: FFMPEG_PACKAGE,
  })
}

let located: string | undefined

/** {@link findFfmpeg} on this machine; the found path is cached unless $SHOAL_FFMPEG_PATH is set. */
export function locateFfmpeg(where: SampleWhere = {}): string {
  const sources = systemSources()
  if (sources.env) return findFfmpeg(sources, where)
  located ??= findFfmpeg(sources, where)
  return located
}
