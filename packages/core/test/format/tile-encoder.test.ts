import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  computeTileShape,
  encodeTiles,
  parseTiles,
  type TileEntry,
  tileLayout,
} from '../../src/format/tile-encoder.js'
import { expectShoalError, fixture, fixturesNamed, hex, toHex } from './helpers.js'

const EMPTY = hex('06 332e392e3532 0000000000000000')

describe('tile encoder', () => {
  it('writes the 15-byte empty encoder and reads it back', () => {
    expect(toHex(encodeTiles(new Map()))).toBe(toHex(EMPTY))
    expect(parseTiles(EMPTY).size).toBe(0)
  })

  it('matches the spec §3.2 entry: sample (40,40), tile (20,40), 63 bytes', () => {
    const bytes = encodeTiles(new Map([[0, { sampleShape: [40, 40], tileShape: [20, 40] }]]))
    expect(bytes.byteLength).toBe(63)
    expect(toHex(bytes)).toBe(
      toHex(
        hex(`06 332e392e3532 0100000000000000 0200000000000000 0000000000000000
             2800000000000000 2800000000000000 1400000000000000 2800000000000000`),
      ),
    )
    expect(parseTiles(bytes).get(0)).toEqual({ sampleShape: [40, 40], tileShape: [20, 40] })
  })

  it('reads the fixtures and re-encodes them byte for byte', () => {
    expect(parseTiles(fixture('chunks_tiles/tiled_generic/tiles_index/unsharded')).get(0)).toEqual({
      sampleShape: [40, 40],
      tileShape: [20, 20],
    })
    expect(parseTiles(fixture('chunks_tiles/tiled_image/tiles_index/unsharded')).get(0)).toEqual({
      sampleShape: [96, 80, 3],
      tileShape: [48, 40, 3],
    })
    const paths = fixturesNamed('unsharded').filter((p) => p.includes('/tiles_index/'))
    expect(paths.length).toBeGreaterThan(50)
    for (const path of paths) {
      const bytes = fixture(path)
      expect(toHex(encodeTiles(parseTiles(bytes, path)))).toBe(toHex(bytes))
    }
  })

  it('falls back to the legacy big-endian layout', () => {
    const legacy = hex(`0000000000000001 0000000000000002 0000000000000005
                        0000000000000028 0000000000000028 0000000000000014 0000000000000028`)
    expect(parseTiles(legacy).get(5)).toEqual({ sampleShape: [40, 40], tileShape: [20, 40] })
  })

  it('rejects files that fit neither layout', () => {
    const key = 'x/tiles_index/unsharded'
    expectShoalError(() => parseTiles(EMPTY.subarray(0, 10), key), 'CORRUPT_CHUNK', key)
    expectShoalError(
      () => parseTiles(hex('06 332e392e3532 0100000000000000 0200000000000000'), key),
      'CORRUPT_CHUNK',
      key,
    )
    expectShoalError(() => parseTiles(new Uint8Array(0), key), 'CORRUPT_CHUNK', key)
    // Absurd counts must fail fast, not loop.
    expectShoalError(
      () => parseTiles(hex('06 332e392e3532 ffffffffffffff00 0200000000000000'), key),
      'CORRUPT_CHUNK',
      key,
    )
    expectShoalError(
      () =>
        encodeTiles(
          new Map([
            [0, { sampleShape: [4, 4], tileShape: [2, 2] }],
            [1, { sampleShape: [4], tileShape: [2] }],
          ]),
        ),
      'INVALID_ARGUMENT',
    )
  })

  it('computes the tile grid', () => {
    expect(tileLayout({ sampleShape: [40, 40], tileShape: [20, 40] })).toEqual([2, 1])
    expect(tileLayout({ sampleShape: [96, 80, 3], tileShape: [48, 40, 3] })).toEqual([2, 2, 1])
    expect(tileLayout({ sampleShape: [41, 5], tileShape: [20, 2] })).toEqual([3, 3])
  })

  it('picks the tile shapes Python picked', () => {
    // Fixtures: generic float32 (40,40) under 2048 B; png uint8 (96,80,3) under 4096 B.
    expect(computeTileShape([40, 40], 4, 2048, false, false)).toEqual([20, 20])
    expect(computeTileShape([96, 80, 3], 1, 4096, true, true)).toEqual([48, 40, 3])
    // Spec §2.7: uint8 (40,40) under 1000 B; float32 (2100,2100) under 16 MB.
    expect(computeTileShape([40, 40], 1, 1000, false, false)).toEqual([20, 40])
    expect(computeTileShape([2100, 2100], 4, 16_000_000, false, false)).toEqual([1050, 2100])
    // Odd sizes round up.
    expect(computeTileShape([5, 3], 1, 4, false, false)).toEqual([3, 2])
    expectShoalError(() => computeTileShape([1, 1, 300], 1, 10, false, true), 'INVALID_ARGUMENT')
  })

  it('property: entries round-trip in map order', () => {
    const entry = (ndim: number) =>
      fc.record({
        sampleShape: fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: ndim, maxLength: ndim }),
        tileShape: fc.array(fc.integer({ min: 1, max: 2 ** 40 }), { minLength: ndim, maxLength: ndim }),
      })
    const maps = fc
      .integer({ min: 0, max: 4 })
      .chain((ndim) => fc.array(fc.tuple(fc.nat(), entry(ndim)), { maxLength: 6 }))
      .map((pairs) => new Map<number, TileEntry>(pairs))
    fc.assert(
      fc.property(maps, (map) => {
        const parsed = parseTiles(encodeTiles(map, '3.9.52'))
        expect([...parsed]).toEqual([...map])
      }),
    )
  })

  it('property: tiles cover the sample and fit the threshold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(1, 2, 4, 8),
        fc.integer({ min: 64, max: 100_000 }),
        fc.boolean(),
        (shape, size, threshold, compressed) => {
          let tile: number[]
          try {
            tile = computeTileShape(shape, size, threshold, compressed, false)
          } catch {
            return // threshold smaller than a single element
          }
          const layout = tileLayout({ sampleShape: shape, tileShape: tile })
          shape.forEach((d, i) => {
            expect(tile[i]).toBeGreaterThanOrEqual(1)
            expect(tile[i]).toBeLessThanOrEqual(d)
            expect(layout[i]! * tile[i]!).toBeGreaterThanOrEqual(d)
          })
        },
      ),
    )
  })
})
