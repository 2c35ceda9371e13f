import { describe, expect, it } from 'vitest'
import { encodeLock, parseLock } from '../../src/format/lock-file.js'
import { expectShoalError, hex, toHex } from './helpers.js'

describe('lock file', () => {
  it('encodes node id (6 LE), expiry (f64 LE) and tag (u32 LE)', () => {
    const lock = { nodeId: 0x0102_0304_0506, expiresAt: 1_700_000_300.5, tag: 4242 }
    const bytes = encodeLock(lock)
    expect(bytes.byteLength).toBe(18)
    expect(toHex(bytes.subarray(0, 6))).toBe('060504030201')
    expect(new DataView(bytes.buffer).getFloat64(6, true)).toBe(1_700_000_300.5)
    expect(toHex(bytes.subarray(14))).toBe('92100000')
    expect(parseLock(bytes)).toEqual(lock)
  })

  it('reads untagged 14-byte locks and rejects shorter files', () => {
    const bytes = encodeLock({ nodeId: 2 ** 48 - 1, expiresAt: 5, tag: 0 }).subarray(0, 14)
    expect(parseLock(bytes)).toEqual({ nodeId: 2 ** 48 - 1, expiresAt: 5, tag: 0 })
    expectShoalError(() => parseLock(hex('0102'), 'dataset_lock.lock'), 'CORRUPT_CHUNK', 'dataset_lock.lock')
    expectShoalError(() => encodeLock({ nodeId: 2 ** 48, expiresAt: 0, tag: 0 }), 'INVALID_ARGUMENT')
    expectShoalError(() => encodeLock({ nodeId: 1, expiresAt: 0, tag: -1 }), 'INVALID_ARGUMENT')
  })
})
