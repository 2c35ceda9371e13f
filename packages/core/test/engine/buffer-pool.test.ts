import { afterEach, describe, expect, it, vi } from 'vitest'
import { BufferPool } from '../../src/engine/buffer-pool.js'

describe('BufferPool', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps the largest buffers, so outgrown small ones never crowd out chunk-sized ones', () => {
    const pool = new BufferPool(2)
    const small = [new Uint8Array(10), new Uint8Array(20)]
    const big = new Uint8Array(1000)
    pool.give(small[0]!)
    pool.give(small[1]!)
    pool.give(big)
    expect(pool.take(500)).toBe(big)
    expect(pool.take(15)).toBe(small[1])
    const fresh = pool.take(15) // only the 10-byte buffer was dropped besides: a new one is made
    expect(fresh).not.toBe(small[0])
    expect(fresh.byteLength).toBe(15)
  })

  it('hands out the smallest buffer that fits', () => {
    const pool = new BufferPool()
    const sizes = [4000, 1000, 2000].map((n) => new Uint8Array(n))
    for (const buffer of sizes) pool.give(buffer)
    expect(pool.take(1500)).toBe(sizes[2])
    expect(pool.take(900)).toBe(sizes[1])
  })

  it('does not pin a buffer far larger than asked for', () => {
    const pool = new BufferPool()
    pool.give(new Uint8Array(64 << 20))
    const small = pool.take(1024)
    expect(small.byteLength).toBe(1024)
    expect(pool.heldBytes).toBe(64 << 20)
  })

  it('stays within its byte budget', () => {
    const pool = new BufferPool(8, 3000)
    for (let i = 0; i < 5; i++) pool.give(new Uint8Array(1000))
    expect(pool.heldBytes).toBe(3000)
    pool.give(new Uint8Array(5000)) // larger than the whole budget: not kept
    expect(pool.heldBytes).toBe(3000)
  })

  it('empties itself after an idle spell, so a finished ingest keeps no memory', () => {
    vi.useFakeTimers()
    const pool = new BufferPool(4, 1 << 20, 1000)
    pool.give(new Uint8Array(100))
    vi.advanceTimersByTime(900)
    pool.give(new Uint8Array(200)) // activity restarts the idle clock
    vi.advanceTimersByTime(900)
    expect(pool.heldBytes).toBe(300)
    vi.advanceTimersByTime(200)
    expect(pool.heldBytes).toBe(0)
  })
})
