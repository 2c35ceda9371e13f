/** Where a chunk named in a commit's `chunk_set` lives (spec §3.6). */
export interface ChunkSetEntry {
  /** Commit holding the chunk; absent = the commit owning this chunk_set. */
  commit?: string
  /** Tensor key the chunk is stored under; absent = the same tensor. */
  key?: string
}

/**
 * Parses `T/chunk_set`: comma-separated `name`, `name:commit` or `name:commit:key` entries.
 * Empty text (the usual fresh-commit file) gives an empty map; empty entries are skipped.
 */
export function parseChunkSet(text: string): Map<string, ChunkSetEntry> {
  const out = new Map<string, ChunkSetEntry>()
  if (text.length === 0) return out
  for (const entry of text.split(',')) {
    const trimmed = entry.trim()
    if (trimmed.length === 0) continue
    const first = trimmed.indexOf(':')
    if (first < 0) {
      out.set(trimmed, {})
      continue
    }
    const name = trimmed.slice(0, first)
    const rest = trimmed.slice(first + 1)
    const second = rest.indexOf(':')
    // The key is last so it may itself contain ':'.
    out.set(
      name,
      second < 0 ? { commit: rest } : { commit: rest.slice(0, second), key: rest.slice(second + 1) },
    )
  }
  return out
}

/** Serializes a chunk map in entry order: no spaces, no trailing newline; '' when empty. */
export function encodeChunkSet(map: ReadonlyMap<string, ChunkSetEntry>): string {
  const parts: string[] = []
  for (const [name, entry] of map) {
    if (entry.commit === undefined) parts.push(name)
    else if (entry.key === undefined) parts.push(`${name}:${entry.commit}`)
    else parts.push(`${name}:${entry.commit}:${entry.key}`)
  }
  return parts.join(',')
}
