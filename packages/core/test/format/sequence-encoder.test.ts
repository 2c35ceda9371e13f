import { describe, expect, it } from 'vitest'
import { BytePositionsBuilder } from '../../src/format/index-table.js'
import {
  encodeSequenceIndex,
  parseSequenceIndex,
  sequenceCount,
  sequenceItemRange,
} from '../../src/format/sequence-encoder.js'
import { expectShoalError, fixture, fixtureJson, fixturesNamed, toHex } from './helpers.js'

describe('sequence encoder', () => {
  it('builds the spec §3.3 examples', () => {
    const builder = new BytePositionsBuilder()
    builder.append(3)
    builder.append(1)
    expect(Array.from(builder.toTable().data)).toEqual([3, 0, 0, 1, 3, 1])
    const gaps = new BytePositionsBuilder()
    for (const n of [2, 0, 1]) gaps.append(n)
    const table = gaps.toTable()
    expect(Array.from(table.data)).toEqual([2, 0, 0, 0, 2, 1, 1, 2, 2])
    expect([0, 1, 2].map((s) => sequenceItemRange(table, s))).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 2 },
      { start: 2, end: 3 },
    ])
    expect(sequenceCount(table)).toBe(3)
    expectShoalError(() => sequenceItemRange(table, 3), 'INDEX_OUT_OF_RANGE')
  })

  it('reads the fixtures and agrees with the expected item counts', () => {
    const expected = fixtureJson<{
      tensors: Record<string, { samples: { items: unknown[] }[]; length: number }>
    }>('sequences.expected.json')
    for (const [name, tensor] of Object.entries(expected.tensors)) {
      const path = `sequences/${name}/sequence_index/unsharded`
      const table = parseSequenceIndex(fixture(path), path)
      expect(sequenceCount(table)).toBe(tensor.length)
      let next = 0
      tensor.samples.forEach((sample, s) => {
        const range = sequenceItemRange(table, s)
        expect(range).toEqual({ start: next, end: next + sample.items.length })
        next = range.end
      })
    }
    for (const path of fixturesNamed('unsharded').filter((p) => p.includes('/sequence_index/'))) {
      const bytes = fixture(path)
      expect(toHex(encodeSequenceIndex(parseSequenceIndex(bytes, path)))).toBe(toHex(bytes))
    }
  })

  it('rejects bodies that are not whole rows', () => {
    const bytes = fixture('sequences/seq_int/sequence_index/unsharded')
    expectShoalError(
      () => parseSequenceIndex(bytes.subarray(0, bytes.byteLength - 1), 'k'),
      'CORRUPT_CHUNK',
      'k',
    )
  })
})
