import { corrupt, invalidArgument } from './fail.js'

/** The contents of a lock file (spec §1.8). */
export interface LockInfo {
  /** 48-bit machine id (Python: `uuid.getnode()`). */
  nodeId: number
  /** Unix seconds after which the lock is stale. */
  expiresAt: number
  /** Distinguishes writers on one machine (uint32); 0 when the file has none. */
  tag: number
}

const TWO_32 = 2 ** 32

/** 18 bytes: node id (6, LE), expiry (float64 LE), tag (uint32 LE). */
export function encodeLock(lock: LockInfo): Uint8Array {
  if (!Number.isSafeInteger(lock.nodeId) || lock.nodeId < 0 || lock.nodeId >= 2 ** 48) {
    throw invalidArgument(`lock node id ${lock.nodeId} is not a 48-bit unsigned integer`)
  }
  if (!Number.isInteger(lock.tag) || lock.tag < 0 || lock.tag >= TWO_32) {
    throw invalidArgument(`lock tag ${lock.tag} is not a uint32`)
  }
  const out = new Uint8Array(18)
  const view = new DataView(out.buffer)
  view.setUint32(0, lock.nodeId % TWO_32, true)
  view.setUint16(4, Math.floor(lock.nodeId / TWO_32), true)
  view.setFloat64(6, lock.expiresAt, true)
  view.setUint32(14, lock.tag, true)
  return out
}

/**
 * Parses a lock file. Files of 14 bytes (no tag, as Python's refresh loop writes) give tag 0;
 * a tag other than 4 bytes is read from its first 4 bytes (zero-padded). CORRUPT_CHUNK below
 * 14 bytes.
 */
export function parseLock(bytes: Uint8Array, key?: string): LockInfo {
  if (bytes.byteLength < 14) {
    throw corrupt(`lock file has ${bytes.byteLength} bytes`, key, { expected: 'at least 14 bytes' })
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const nodeId = view.getUint32(0, true) + view.getUint16(4, true) * TWO_32
  const expiresAt = view.getFloat64(6, true)
  let tag = 0
  for (let i = Math.min(bytes.byteLength, 18) - 1; i >= 14; i--) tag = tag * 256 + bytes[i]!
  return { nodeId, expiresAt, tag }
}
