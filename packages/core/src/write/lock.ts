import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import { DatasetLockedError } from '../errors.js'
import { commitPath, DATASET_LOCK } from '../format/keys.js'
import { encodeLock, parseLock } from '../format/lock-file.js'
import type { StorageProvider } from '../storage/contract.js'

const VALIDITY_SECONDS = 300
const REFRESH_MS = 120_000

/** This machine's 48-bit node id (Python uses the MAC address; a hash of the host name is as stable). */
function nodeId(): number {
  const digest = createHash('sha256').update(hostname()).digest()
  return digest.readUIntLE(0, 6)
}

/** True when process `pid` exists on this machine (signal 0 checks without sending anything). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // exists, owned by someone else
  }
}

/** A held dataset lock; `release` deletes it. */
export interface DatasetLock {
  release(): Promise<void>
}

/**
 * Takes the writer lock of a head commit (spec §1.8): refuses when another live writer holds it,
 * writes ours with a 300 s expiry, and refreshes it every 120 s while held.
 */
export async function acquireLock(
  storage: StorageProvider,
  commit: string,
  url: string,
): Promise<DatasetLock> {
  const key = commitPath(commit, DATASET_LOCK)
  const mine = { nodeId: nodeId(), tag: process.pid }
  const holder = async () => {
    const bytes = await storage.get(key)
    if (!bytes) return undefined
    try {
      return parseLock(bytes)
    } catch {
      return undefined // an unreadable lock protects nothing
    }
  }
  const isOther = (lock: { nodeId: number; tag: number; expiresAt: number }) =>
    (lock.nodeId !== mine.nodeId || lock.tag !== mine.tag) &&
    lock.expiresAt > Date.now() / 1000 &&
    // A writer on this machine that crashed (killed, power cut) left its lock behind: take over.
    !(lock.nodeId === mine.nodeId && !processAlive(lock.tag))
  const write = () =>
    storage.set!(key, encodeLock({ ...mine, expiresAt: Date.now() / 1000 + VALIDITY_SECONDS }))
  const refuse = (lock: { nodeId: number; tag: number; expiresAt: number }) =>
    new DatasetLockedError(
      `dataset "${url}" is locked by another writer (process ${lock.tag}) until ${new Date(lock.expiresAt * 1000).toISOString()}; open it with { readOnly: true } to read, or wait for the writer to close`,
      { key },
    )

  const existing = await holder()
  if (existing && isOther(existing)) throw refuse(existing)
  await write()
  // Two writers racing past the check: whoever's lock landed last wins, the other backs off.
  const landed = await holder()
  if (landed && isOther(landed)) throw refuse(landed)
  const timer = setInterval(() => {
    write().catch(() => {})
  }, REFRESH_MS)
  timer.unref()
  return {
    async release() {
      clearInterval(timer)
      const current = await holder()
      if (current && !isOther(current)) await storage.delete?.(key)
    },
  }
}
