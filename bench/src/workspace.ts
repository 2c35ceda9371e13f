/** The run's temp folder under os.tmpdir() and the fixtures built in it once per run. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A temp folder for one bench run, removed by {@link Workspace.remove} (or on exit). */
export class Workspace {
  readonly root: string
  private readonly fixtures = new Map<string, Promise<unknown>>()
  private counter = 0

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'shoal-bench-'))
    // A crash or Ctrl-C should not leave gigabytes behind.
    process.once('exit', () => this.remove())
  }

  /** A new empty folder named after `label`. */
  scratch(label: string): string {
    const dir = join(this.root, `${String(this.counter++).padStart(3, '0')}-${label}`)
    mkdirSync(dir, { recursive: true })
    return dir
  }

  /**
   * Builds a fixture once per run and shares it: B4, B6 and mem read the same stored images.
   * `build` gets a folder of its own.
   */
  fixture<T>(key: string, build: (dir: string) => Promise<T>, withDir = true): Promise<T> {
    let existing = this.fixtures.get(key) as Promise<T> | undefined
    if (!existing) {
      existing = build(withDir ? this.scratch(`fixture-${key}`) : '')
      this.fixtures.set(key, existing)
    }
    return existing
  }

  /** Computes a value once per run (input data shared by cases), with no folder. */
  memo<T>(key: string, build: () => Promise<T>): Promise<T> {
    return this.fixture(`memo:${key}`, () => build(), false)
  }

  /** Drops memoised input data (called between case groups so it does not inflate later RSS). */
  releaseMemos(): void {
    for (const key of [...this.fixtures.keys()]) if (key.startsWith('memo:')) this.fixtures.delete(key)
  }

  /** Deletes everything under the root. */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}
