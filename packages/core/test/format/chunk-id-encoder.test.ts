import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ChunkIdTableBuilder,
  chunkIdFromName,
  chunkIdsLength,
  chunkName,
  encodeChunkIds,
  findChunks,
  parseChunkIds,
  randomChunkId,
} from '../../src/format/chunk-id-encoder.js'
import { expectShoalError, filesIn, fixture, fixturesNamed, hex, misaligned, toHex } from './helpers.js'

// Spec §3.1: one chunk 0xdab49a777cf443bb covering samples 0–1 (24 bytes).
const SPEC_EXAMPLE = hex('06 332e392e3532 08 bb43f47c779ab4da 0100000000000000')

describe('chunk-id encoder', () => {
  it('parses and re-encodes the spec example', () => {
    for (const input of [SPEC_EXAMPLE, misaligned(SPEC_EXAMPLE)]) {
      const table = parseChunkIds(input)
      expect(Array.from(table.ids)).toEqual([0xdab49a777cf443bbn])
      expect(Array.from(table.lastIndex)).toEqual([1])
      expect(chunkName(table.ids[0]!)).toBe('dab49a777cf443bb')
      expect(chunkIdsLength(table)).toBe(2)
    }
    expect(toHex(encodeChunkIds(parseChunkIds(SPEC_EXAMPLE)))).toBe(toHex(SPEC_EXAMPLE))
  })

  it('names chunks in lowercase hex without leading zeros', () => {
    expect(chunkName(0x0e6f6ac385c94373n)).toBe('e6f6ac385c94373')
    expect(chunkIdFromName('e6f6ac385c94373')).toBe(0x0e6f6ac385c94373n)
    expect(chunkIdFromName('DAB49A777CF443BB')).toBe(0xdab49a777cf443bbn)
    expectShoalError(() => chunkIdFromName('xyz'), 'INVALID_ARGUMENT')
    expectShoalError(() => chunkIdFromName('1'.repeat(17)), 'INVALID_ARGUMENT')
  })

  it('reads the 4-byte width and the pre-2.7.6 layout without width byte', () => {
    const w4 = hex('05 322e382e30 04 07000000 03000000 09000000 05000000')
    expect(Array.from(parseChunkIds(w4).ids)).toEqual([7n, 9n])
    expect(Array.from(parseChunkIds(w4).lastIndex)).toEqual([3, 5])
    const old = hex('05 322e372e35 07000000 03000000')
    expect(Array.from(parseChunkIds(old).ids)).toEqual([7n])
    expect(Array.from(parseChunkIds(old).lastIndex)).toEqual([3])
    // An empty encoder: version and width only, or version only.
    expect(parseChunkIds(hex('06 332e392e3532 08')).ids.length).toBe(0)
    expect(parseChunkIds(hex('06 332e392e3532')).ids.length).toBe(0)
  })

  it('finds tile groups and normal rows', () => {
    // Spec §2.7: sample 0 tiled over chunks a, b; sample 1 in chunk c.
    const builder = new ChunkIdTableBuilder()
    builder.append(0xan, 0)
    builder.append(0xbn, 0)
    builder.append(0xcn, 1)
    builder.append(0xdn, 2)
    builder.setLastIndex(3, 9)
    const table = builder.toTable()
    expect(findChunks(table, 0)).toEqual({ first: 0, count: 2 })
    expect(findChunks(table, 1)).toEqual({ first: 2, count: 1 })
    expect(findChunks(table, 5)).toEqual({ first: 3, count: 1 })
    expect(findChunks(table, 10)).toBeUndefined()
    expect(findChunks(table, -1)).toBeUndefined()
    expect(chunkIdsLength(table)).toBe(10)
    expect(builder.rows).toBe(4)
    expect(builder.length).toBe(10)
    expectShoalError(() => builder.append(0xen, 3), 'INVALID_ARGUMENT')
    expectShoalError(() => builder.setLastIndex(4, 1), 'INVALID_ARGUMENT')
  })

  it('reads the fixtures: single chunks, many chunks, tiles', () => {
    const many = parseChunkIds(fixture('chunks_tiles/many_chunks/chunks_index/unsharded'))
    expect(many.ids.length).toBe(filesIn('chunks_tiles/many_chunks/chunks').length)
    expect(chunkIdsLength(many)).toBe(48)
    const names = new Set(filesIn('chunks_tiles/many_chunks/chunks').map((p) => p.split('/').pop()))
    for (const id of many.ids) expect(names.has(chunkName(id))).toBe(true)
    const tiled = parseChunkIds(fixture('chunks_tiles/tiled_generic/chunks_index/unsharded'))
    expect(Array.from(tiled.lastIndex)).toEqual([0, 0, 0, 0, 1])
    expect(findChunks(tiled, 0)).toEqual({ first: 0, count: 4 })
    expect(findChunks(tiled, 1)).toEqual({ first: 4, count: 1 })
    for (const path of fixturesNamed('unsharded').filter((p) => p.includes('/chunks_index/'))) {
      const bytes = fixture(path)
      expect(toHex(encodeChunkIds(parseChunkIds(bytes, path)))).toBe(toHex(bytes))
    }
  })

  it('rejects corrupt encoders with CORRUPT_CHUNK naming the key', () => {
    const key = 'x/chunks_index/unsharded'
    expectShoalError(() => parseChunkIds(SPEC_EXAMPLE.subarray(0, 20), key), 'CORRUPT_CHUNK', key)
    expectShoalError(() => parseChunkIds(hex('06 332e392e3532 05 00'), key), 'CORRUPT_CHUNK', key)
    expectShoalError(() => parseChunkIds(hex('09 332e39'), key), 'CORRUPT_CHUNK', key)
    expectShoalError(() => parseChunkIds(new Uint8Array(0), key), 'CORRUPT_CHUNK', key)
    const decreasing = hex('05 322e382e30 04 07000000 03000000 09000000 02000000')
    expectShoalError(() => parseChunkIds(decreasing, key), 'CORRUPT_CHUNK', key)
    expectShoalError(() => encodeChunkIds(parseChunkIds(SPEC_EXAMPLE), '2.7.5'), 'INVALID_ARGUMENT')
  })

  it('makes random nonzero ids', () => {
    const ids = new Set(Array.from({ length: 100 }, () => randomChunkId()))
    expect(ids.size).toBe(100)
    expect(ids.has(0n)).toBe(false)
  })

  it('property: tables round-trip and every sample finds its chunk', () => {
    const rows = fc.array(
      fc.tuple(fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }), fc.integer({ min: 0, max: 3 })),
      {
        maxLength: 30,
      },
    )
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 2 ** 40 }), (input, base) => {
        const builder = new ChunkIdTableBuilder()
        let last = base - 1
        const owner: number[] = []
        input.forEach(([id, step], r) => {
          // step 0 repeats the last index: a tile of the same sample.
          if (r === 0 || step > 0) last += Math.max(step, 1)
          builder.append(id, last)
          owner.push(last)
        })
        const table = builder.toTable()
        const parsed = parseChunkIds(encodeChunkIds(table))
        expect(Array.from(parsed.ids)).toEqual(Array.from(table.ids))
        expect(Array.from(parsed.lastIndex)).toEqual(Array.from(table.lastIndex))
        for (let r = 0; r < owner.length; r++) {
          const found = findChunks(parsed, owner[r]!)!
          expect(found.first).toBeLessThanOrEqual(r)
          expect(found.first + found.count).toBeGreaterThan(r)
          expect(parsed.lastIndex[found.first]).toBe(owner[r])
        }
      }),
    )
  })
})
