import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeDatasetDiff, parseDatasetDiff } from '../../src/format/dataset-diff.js'
import { expectShoalError, hex, toHex } from './helpers.js'

describe('dataset diff', () => {
  it('writes the spec §3.7 rename example (35 bytes)', () => {
    const bytes = encodeDatasetDiff({ infoUpdated: false, renamed: new Map([['a', 'b']]), deleted: [] })
    expect(toHex(bytes)).toBe(
      toHex(hex('00 0000000000000001 0000000000000001 0000000000000001 6162 0000000000000000')),
    )
    expect(parseDatasetDiff(bytes)).toEqual({
      infoUpdated: false,
      renamed: new Map([['a', 'b']]),
      deleted: [],
    })
  })

  it('reads files without a deletions section and rejects truncated ones', () => {
    expect(parseDatasetDiff(hex('01 0000000000000000'))).toEqual({
      infoUpdated: true,
      renamed: new Map(),
      deleted: [],
    })
    const bytes = encodeDatasetDiff({
      infoUpdated: true,
      renamed: new Map([['old', 'new']]),
      deleted: ['gone'],
    })
    for (const length of [0, 5, 20, 30, bytes.byteLength - 1]) {
      expectShoalError(
        () => parseDatasetDiff(bytes.subarray(0, length), 'dataset_diff'),
        'CORRUPT_CHUNK',
        'dataset_diff',
      )
    }
  })

  it('property: diffs round-trip', () => {
    // Well-formed strings only: lone surrogates cannot survive UTF-8.
    const name = fc.string({ unit: 'grapheme' })
    const diff = fc.record({
      infoUpdated: fc.boolean(),
      renamed: fc.array(fc.tuple(name, name), { maxLength: 4 }).map((pairs) => new Map(pairs)),
      deleted: fc.array(name, { maxLength: 4 }),
    })
    fc.assert(
      fc.property(diff, (d) => {
        expect(parseDatasetDiff(encodeDatasetDiff(d))).toEqual(d)
      }),
    )
  })
})
