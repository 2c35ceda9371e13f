import { describe, expect, it } from 'vitest'
import { credsIndexAt, encodeCredsIndex, parseCredsIndex } from '../../src/format/creds-encoder.js'
import { IndexTableBuilder } from '../../src/format/index-table.js'
import { expectShoalError, fixture, hex, toHex } from './helpers.js'

describe('creds encoder', () => {
  it('builds the spec §3.4 example: s3 with key 1, then https, then None', () => {
    const builder = new IndexTableBuilder(2)
    for (const encoding of [1, 0, 0]) builder.appendRun([encoding], 1)
    const table = builder.toTable()
    expect(Array.from(table.data)).toEqual([1, 0, 0, 2])
    expect([0, 1, 2, 3].map((i) => credsIndexAt(table, i))).toEqual([1, 0, 0, 0])
    expect(toHex(encodeCredsIndex(table))).toBe(
      toHex(hex('06 332e392e3532 01000000 00000000 00000000 02000000')),
    )
  })

  it('reads and re-encodes the link fixture', () => {
    const bytes = fixture('links/link_image/creds_index/unsharded')
    const table = parseCredsIndex(bytes)
    expect(Array.from(table.data)).toEqual([0, 1])
    expect(credsIndexAt(table, 1)).toBe(0)
    expect(toHex(encodeCredsIndex(table))).toBe(toHex(bytes))
    expectShoalError(() => parseCredsIndex(bytes.subarray(0, 12), 'k'), 'CORRUPT_CHUNK', 'k')
  })
})
