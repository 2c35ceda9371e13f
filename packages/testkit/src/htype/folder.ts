import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

/** Temporary folders of one suite; each test takes a fresh one and the suite removes them all. */
export class TempFolders {
  private readonly made: string[] = []

  /** A new, empty dataset path inside a fresh temporary folder. */
  async datasetPath(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'shoal-testkit-'))
    this.made.push(dir)
    return join(dir, 'ds')
  }

  async removeAll(): Promise<void> {
    for (const dir of this.made.splice(0)) await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Every file under `dir` (relative path → sha256 of its bytes), so a test can prove that a refused
 * write changed nothing on disk.
 */
export async function snapshotFolder(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) await walk(path)
      else
        files[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex')
    }
  }
  await walk(dir)
  return files
}
