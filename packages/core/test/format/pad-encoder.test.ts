import { describe, expect, it } from 'vitest'
import { encodePadIndex, parsePadIndex } from '../../src/format/pad-encoder.js'
import { expectShoalError, fixture, fixturesNamed, toHex } from './helpers.js'

describe('pad encoder', () => {
  it('round-trips pairs and the (empty) fixtures', () => {
    const pairs = new Uint32Array([2, 5, 7, 8])
    expect(Array.from(parsePadIndex(encodePadIndex(pairs)))).toEqual([2, 5, 7, 8])
    const paths = fixturesNamed('unsharded').filter((p) => p.includes('/pad_index/'))
    expect(paths.length).toBeGreaterThan(0)
    for (const path of paths) {
      const bytes = fixture(path)
      expect(parsePadIndex(bytes, path).length).toBe(0)
      expect(toHex(encodePadIndex(parsePadIndex(bytes)))).toBe(toHex(bytes))
    }
    expectShoalError(() => parsePadIndex(encodePadIndex(pairs).subarray(0, 10), 'k'), 'CORRUPT_CHUNK', 'k')
  })
})
