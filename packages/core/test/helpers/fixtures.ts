import { createHash } from 'node:crypto'
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The Python-written fixtures (read-only; copy before changing anything). */
export const FIXTURES = fileURLToPath(
  new URL('../../../../../shared/fixtures/deeplake-3.9.52', import.meta.url),
)

export const fixture = (name: string) => join(FIXTURES, name)

export async function expected(
  name: string,
): Promise<Record<string, unknown> & { tensors: Record<string, any> }> {
  return JSON.parse(await readFile(join(FIXTURES, `${name}.expected.json`), 'utf8'))
}

const temps: string[] = []

/** A fresh temporary folder, removed by {@link cleanTemps}. */
export async function tempDir(prefix = 'shoal-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  temps.push(dir)
  return dir
}

/** A writable copy of fixture `name`; returns the dataset path. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await tempDir()
  await cp(join(FIXTURES, name), join(dir, name), { recursive: true })
  return join(dir, name)
}

export async function cleanTemps(): Promise<void> {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true })
}

/** Every file under `dir` with a hash of its bytes: compare two snapshots to prove nothing changed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (folder: string) => {
    for (const entry of (await readdir(folder)).sort()) {
      const path = join(folder, entry)
      if ((await stat(path)).isDirectory()) await walk(path)
      else
        out[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex')
    }
  }
  await walk(dir)
  return out
}
