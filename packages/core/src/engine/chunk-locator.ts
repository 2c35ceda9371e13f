import { ShoalError } from '../errors.js'
import { parseChunkSet } from '../format/chunk-set.js'
import { commitPath, FIRST_COMMIT_ID, tensorFiles } from '../format/keys.js'
import type { StorageProvider } from '../storage/contract.js'

type ChunkSet = Map<string, { commit?: string; key?: string }>

/**
 * Finds where a chunk lives for a commit: chunks are not copied into new commits, so a name is
 * looked up in each ancestor's `chunk_set` (spec §8), falling back to the root (FIRST commit).
 */
export class ChunkLocator {
  private readonly sets = new Map<string, ChunkSet | Promise<ChunkSet>>()

  /** @param chain the commit and its ancestors, nearest first, ending with FIRST. */
  constructor(
    private readonly storage: StorageProvider,
    private readonly chain: readonly string[],
  ) {}

  private readonly written = new Set<string>()

  /** Records a chunk this session wrote at the head (before its chunk_set is flushed). */
  noteWritten(tensorKey: string, name: string): void {
    this.written.add(`${tensorKey}\0${name}`)
  }

  /** The storage key of chunk `name` of tensor `tensorKey`. */
  async locate(tensorKey: string, name: string): Promise<string> {
    if (this.written.has(`${tensorKey}\0${name}`))
      return commitPath(this.chain[0]!, tensorFiles.chunk(tensorKey, name))
    for (const commit of this.chain) {
      if (commit === FIRST_COMMIT_ID) break
      const set = await this.chunkSet(commit, tensorKey)
      const entry = set.get(name)
      if (entry) return commitPath(entry.commit ?? commit, tensorFiles.chunk(entry.key ?? tensorKey, name))
    }
    return tensorFiles.chunk(tensorKey, name)
  }

  /** Synchronous variant for when every chunk_set on the chain is already loaded. */
  locateSync(tensorKey: string, name: string): string | undefined {
    for (const commit of this.chain) {
      if (commit === FIRST_COMMIT_ID) break
      const set = this.sets.get(`${commit}\0${tensorKey}`)
      if (set === undefined || set instanceof Promise) return undefined
      const entry = set.get(name)
      if (entry) return commitPath(entry.commit ?? commit, tensorFiles.chunk(entry.key ?? tensorKey, name))
    }
    return tensorFiles.chunk(tensorKey, name)
  }

  private chunkSet(commit: string, tensorKey: string): ChunkSet | Promise<ChunkSet> {
    const id = `${commit}\0${tensorKey}`
    let set = this.sets.get(id)
    if (!set) {
      const key = commitPath(commit, tensorFiles.chunkSet(tensorKey))
      set = this.storage
        .get(key)
        .then((bytes) => {
          const parsed = bytes ? parseChunkSet(new TextDecoder().decode(bytes)) : new Map()
          this.sets.set(id, parsed)
          return parsed
        })
        .catch((cause: unknown) => {
          this.sets.delete(id)
          throw new ShoalError('STORAGE', `could not read the chunk map "${key}"`, { key, cause })
        })
      this.sets.set(id, set)
    }
    return set
  }
}
