import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

/** The ffmpeg binary shipped in the @ffmpeg-installer/ffmpeg npm package (a dev dependency). */
export const FFMPEG = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path

/** Runs the npm-shipped ffmpeg and returns stdout; throws with stderr on failure. */
export function ffmpeg(args: string[], input?: Uint8Array): Uint8Array {
  const result = spawnSync(FFMPEG, ['-nostdin', '-hide_banner', '-v', 'error', ...args], {
    ...(input ? { input } : {}),
    maxBuffer: 256 * 1024 * 1024,
  })
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${result.stderr?.toString()}`)
  return new Uint8Array(result.stdout)
}
