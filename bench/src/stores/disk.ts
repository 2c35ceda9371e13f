/** Sizes on disk, for the `stored_bytes` extra of ingest arms. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Total size of the files under `path` (a file or a folder). */
export function storedBytes(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.size
  let total = 0
  for (const entry of readdirSync(path)) total += storedBytes(join(path, entry))
  return total
}
