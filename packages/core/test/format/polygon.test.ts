import { describe, expect, it } from 'vitest'
import { parseChunk, sampleByteRange, sampleShape } from '../../src/format/chunk.js'
import { decodePolygons, encodePolygons } from '../../src/format/polygon.js'
import { expectShoalError, fixture, fixtureJson, misaligned, onlyFile, toHex } from './helpers.js'

interface Expected {
  tensors: { polygons: { samples: { polygons: { shape: number[]; values: number[][] }[] }[] } }
}

describe('polygons', () => {
  const path = onlyFile('annotations/polygons/chunks')
  const bytes = fixture(path)
  const header = parseChunk(bytes, path)
  const payload = (i: number) => {
    const r = sampleByteRange(header, i)!
    return bytes.subarray(header.dataOffset + r.start, header.dataOffset + r.end)
  }
  const expected = fixtureJson<Expected>('annotations.expected.json').tensors.polygons.samples

  it('decodes the fixture samples', () => {
    expect(payload(0).byteLength).toBe(62)
    expect(sampleShape(header, 0)).toEqual([2, 4, 2])
    expected.forEach((sample, i) => {
      for (const input of [payload(i), misaligned(payload(i))]) {
        const polygons = decodePolygons(input, 'float32', sampleShape(header, i)![2]!, path)
        expect(polygons.map((p) => p.shape)).toEqual(sample.polygons.map((p) => p.shape))
        polygons.forEach((p, j) => {
          expect(Array.from(p.data)).toEqual(sample.polygons[j]!.values.flat())
        })
      }
    })
  })

  it('encodes the fixture samples byte for byte', () => {
    expected.forEach((sample, i) => {
      const encoded = encodePolygons(
        sample.polygons.map((p) => p.values),
        'float32',
      )
      expect(toHex(encoded.bytes)).toBe(toHex(payload(i)))
      expect(encoded.shape).toEqual(sampleShape(header, i))
    })
  })

  it('accepts flat arrays and integer dtypes', () => {
    const flat = encodePolygons([{ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, [[7, 8, 9]]], 'int64')
    expect(flat.shape).toEqual([2, 2, 3])
    const back = decodePolygons(flat.bytes, 'int64', 3)
    expect(back.map((p) => Array.from(p.data))).toEqual([
      [1n, 2n, 3n, 4n, 5n, 6n],
      [7n, 8n, 9n],
    ])
    expect(decodePolygons(new Uint8Array(0), 'float32', 2)).toEqual([])
  })

  it('rejects inconsistent payloads and inputs', () => {
    expectShoalError(
      () => decodePolygons(payload(0).subarray(0, 61), 'float32', 2, path),
      'CORRUPT_CHUNK',
      path,
    )
    expectShoalError(() => decodePolygons(new Uint8Array([5]), 'float32', 2, path), 'CORRUPT_CHUNK', path)
    expectShoalError(
      () => decodePolygons(new Uint8Array([5, 0, 1]), 'float32', 2, path),
      'CORRUPT_CHUNK',
      path,
    )
    expectShoalError(() => encodePolygons([[[1, 2], [3]]], 'float32'), 'INVALID_ARGUMENT')
    expectShoalError(() => encodePolygons([[[1, 2]], [[1, 2, 3]]], 'float32'), 'INVALID_ARGUMENT')
    expectShoalError(() => encodePolygons([[[1, 2]]], 'float16'), 'INVALID_ARGUMENT')
  })
})
