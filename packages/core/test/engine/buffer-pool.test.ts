import { describe, expect, it } from 'vitest'
import { BufferPool } from '../../src/engine/chunk-builder.js'

describe('BufferPool', () => {
  it('keeps the two largest buffers, so outgrown small ones never crowd out chunk-sized ones', () => {
    const pool = new BufferPool()
    const small = [new Uint8Array(10), new Uint8Array(20)]
    const big = new Uint8Array(1000)
    pool.give(small[0]!)
    pool.give(small[1]!)
    pool.give(big)
    expect(pool.take(500)).toBe(big)
    expect(pool.take(15)).toBe(small[1])
    const fresh = pool.take(15) // only the 10-byte buffer was kept besides: a new one is made
    expect(fresh).not.toBe(small[0])
    expect(fresh.byteLength).toBe(15)
  })
})
