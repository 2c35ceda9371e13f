import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Imports the `./register` entry of every workspace package that has one, from its source, so
 * the runner checks every htype the workspace supports. Returns the package names loaded.
 */
export async function loadWorkspacePlugins(root: string): Promise<string[]> {
  const packagesDir = join(root, 'packages')
  const loaded: string[] = []
  for (const dir of (await readdir(packagesDir)).sort()) {
    let manifest: { name?: string; exports?: Record<string, unknown> }
    try {
      manifest = JSON.parse(await readFile(join(packagesDir, dir, 'package.json'), 'utf8'))
    } catch {
      continue
    }
    const entry = manifest.exports?.['./register'] as Record<string, string> | undefined
    const source = entry?.['@shoal/source']
    if (!source) continue
    await import(pathToFileURL(join(packagesDir, dir, source)).href)
    loaded.push(manifest.name ?? dir)
  }
  return loaded
}
