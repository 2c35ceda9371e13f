/**
 * The page's files (HTML, script, styles, icon), read once at start-up from the package's
 * `dist/client/` into memory. Their URLs are a fixed list: no request path is ever joined to a
 * folder, so nothing outside these files can be served.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ShoalError } from '@shoal/core'

/** One file of the page. */
export interface Asset {
  readonly type: string
  readonly body: Uint8Array
  readonly etag: string
}

/** The page's files by URL path. */
export type Assets = ReadonlyMap<string, Asset>

/** URL path → file in `dist/client/` and its content type. */
const FILES: readonly (readonly [string, string, string])[] = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/assets/app.js', 'app.js', 'text/javascript; charset=utf-8'],
  ['/assets/style.css', 'style.css', 'text/css; charset=utf-8'],
  ['/favicon.svg', 'favicon.svg', 'image/svg+xml'],
]

/** The folder of this package's package.json, found from this module's own location (src/ or dist/). */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from)
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@shoal/viewer'
    )
      return dir
    const parent = dirname(dir)
    if (parent === dir) throw new ShoalError('NOT_FOUND', 'the @shoal/viewer package folder was not found')
    dir = parent
  }
}

/** Reads the page's files; MISSING_DEPENDENCY when the page was never built. */
export function loadAssets(folder: string = join(packageRoot(), 'dist', 'client')): Assets {
  const assets = new Map<string, Asset>()
  for (const [path, file, type] of FILES) {
    const at = join(folder, file)
    if (!existsSync(at)) {
      throw new ShoalError('MISSING_DEPENDENCY', `the viewer's page is not built (${at} is missing)`, {
        hint: 'run `pnpm --filter @shoal/viewer build` (the published package ships it built)',
      })
    }
    const body = new Uint8Array(readFileSync(at))
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`
    assets.set(path, { type, body, etag })
  }
  return assets
}
