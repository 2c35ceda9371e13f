import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { errnoCode, isMissingFile } from './fs-errors.js'
import { isTempFileName } from './local-write.js'

/**
 * Yields the files under `root` whose key ('/'-separated path relative to `root`) starts with
 * `prefix` (already normalised). Walks one folder at a time, depth first, in sorted order, so a
 * caller that stops early reads no more folders; temp files of in-flight writes are skipped.
 */
export async function* walkFiles(root: string, prefix: string, signal?: AbortSignal): AsyncGenerator<string> {
  // Only the folder holding the prefix's last segment can contain matches; start there.
  const cut = prefix.lastIndexOf('/') + 1
  const folderKey = prefix.slice(0, cut)
  const namePrefix = prefix.slice(cut)
  yield* walk(root, folderKey, namePrefix, signal)
}

async function* walk(
  root: string,
  folderKey: string,
  namePrefix: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<string> {
  signal?.throwIfAborted()
  const entries = await readFolder(join(root, ...folderKey.split('/')))
  for (const entry of entries) {
    if (!entry.name.startsWith(namePrefix) || isTempFileName(entry.name)) continue
    const key = folderKey + entry.name
    const kind = await entryKind(root, key, entry)
    if (kind === 'file') yield key
    else if (kind === 'folder') yield* walk(root, `${key}/`, '', signal)
  }
}

async function readFolder(path: string): Promise<Dirent[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true })
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  } catch (error) {
    // A missing root, or a folder removed while we walk, simply has no keys.
    if (isMissingFile(error)) return []
    throw error
  }
}

async function entryKind(root: string, key: string, entry: Dirent): Promise<'file' | 'folder' | 'other'> {
  if (entry.isFile()) return 'file'
  if (entry.isDirectory()) return 'folder'
  if (!entry.isSymbolicLink()) return 'other'
  // Follow links to files only: following folder links could loop forever.
  try {
    return (await stat(join(root, ...key.split('/')))).isFile() ? 'file' : 'other'
  } catch (error) {
    if (isMissingFile(error) || errnoCode(error) === 'ELOOP') return 'other'
    throw error
  }
}
