const utf8 = new TextEncoder()

/** Block size: one ArrayBuffer per ~1 MB of encoded text instead of one per sample. */
const BLOCK_BYTES = 1 << 20

let block = new Uint8Array(0)
let used = 0

/**
 * The UTF-8 bytes of `text` as a view into a shared block. Blocks are never written again once
 * handed out (a full block is replaced, not reused), so views stay valid as long as they are held;
 * what this saves is a backing store per sample, which the garbage collector must track and free.
 */
export function encodeUtf8(text: string): Uint8Array {
  const most = text.length * 3 // UTF-16 units to UTF-8 bytes: at most 3 per unit
  if (most > BLOCK_BYTES / 8) return utf8.encode(text)
  const { written } = utf8.encodeInto(text, room(most))
  return commit(written)
}

/**
 * Writes bytes straight into a block: `fill` gets a view of at least `most` free bytes and
 * returns how many it wrote; the result views them. Undefined when `most` is too large for a block.
 */
export function writeIntoBlock(most: number, fill: (into: Uint8Array) => number): Uint8Array | undefined {
  if (most > BLOCK_BYTES / 8) return undefined
  return commit(fill(room(most)))
}

function room(most: number): Uint8Array {
  if (block.byteLength - used < most) {
    block = new Uint8Array(BLOCK_BYTES)
    used = 0
  }
  return block.subarray(used)
}

function commit(written: number): Uint8Array {
  const out = block.subarray(used, used + written)
  used += written
  return out
}
