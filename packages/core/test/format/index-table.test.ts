import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BytePositionsBuilder,
  cell,
  emptyTable,
  encodeIndexTable,
  findRow,
  IndexTableBuilder,
  parseIndexTable,
  rowFirstIndex,
  ShapeTableBuilder,
  tableLength,
} from '../../src/format/index-table.js'
import { expectShoalError, misaligned } from './helpers.js'

/** Row of `index` and its values, by linear scan (the reference for findRow). */
function lookup(table: ReturnType<IndexTableBuilder['toTable']>, index: number): number[] | undefined {
  const row = findRow(table, index)
  if (row < 0) return undefined
  return Array.from(table.data.subarray(row * table.cols, row * table.cols + table.cols - 1))
}

describe('index tables', () => {
  it('answers lookups on a hand-made table', () => {
    const table = { rows: 3, cols: 2, data: new Uint32Array([7, 1, 8, 4, 9, 5]) }
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => findRow(table, i))).toEqual([0, 0, 1, 1, 1, 2, -1])
    expect(findRow(table, -1)).toBe(-1)
    expect(rowFirstIndex(table, 0)).toBe(0)
    expect(rowFirstIndex(table, 1)).toBe(2)
    expect(rowFirstIndex(table, 2)).toBe(5)
    expect(tableLength(table)).toBe(6)
    expect(cell(table, 1, 0)).toBe(8)
    expect(tableLength(emptyTable(3))).toBe(0)
    expect(findRow(emptyTable(3), 0)).toBe(-1)
  })

  it('merges equal runs and snapshots are immutable', () => {
    const builder = new IndexTableBuilder(2)
    builder.appendRun([5], 2)
    const before = builder.toTable()
    builder.appendRun([5], 1)
    builder.appendRun([6], 1)
    builder.appendRun([6], 0)
    const after = builder.toTable()
    expect(Array.from(before.data)).toEqual([5, 1])
    expect(Array.from(after.data)).toEqual([5, 2, 6, 3])
    expect(builder.rows).toBe(2)
    expect(builder.length).toBe(4)
    expect(builder.toTable()).toBe(after)
  })

  it('continues an existing table', () => {
    const builder = new ShapeTableBuilder(2, { rows: 1, cols: 3, data: new Uint32Array([2, 3, 1]) })
    builder.appendShape([2, 3])
    builder.appendShape([4, 4], 2)
    expect(builder.ndim).toBe(2)
    expect(Array.from(builder.toTable().data)).toEqual([2, 3, 2, 4, 4, 4])
  })

  it('byte positions start where the previous row ends', () => {
    const builder = new BytePositionsBuilder()
    builder.append(5)
    builder.append(6)
    builder.append(0)
    builder.append(0)
    builder.append(4, 3)
    expect(Array.from(builder.toTable().data)).toEqual([5, 0, 0, 6, 5, 1, 0, 11, 3, 4, 11, 6])
    expect(builder.byteLength).toBe(23)
    const resumed = new BytePositionsBuilder(builder.toTable())
    resumed.append(4)
    resumed.append(1)
    expect(Array.from(resumed.toTable().data)).toEqual([5, 0, 0, 6, 5, 1, 0, 11, 3, 4, 11, 7, 1, 27, 8])
  })

  it('rejects bad builder input', () => {
    expectShoalError(() => new ShapeTableBuilder(2).appendShape([1]), 'INVALID_ARGUMENT')
    expectShoalError(() => new IndexTableBuilder(2).appendRun([-1], 1), 'INVALID_ARGUMENT')
    expectShoalError(() => new IndexTableBuilder(2).appendRun([1], 1.5), 'INVALID_ARGUMENT')
    expectShoalError(() => new IndexTableBuilder(3, emptyTable(3)).appendRun([1], 1), 'INVALID_ARGUMENT')
    expectShoalError(
      () => new IndexTableBuilder(2, { rows: 1, cols: 3, data: new Uint32Array(3) }),
      'INVALID_ARGUMENT',
    )
  })

  it('parses raw bytes, aligned or not, and rejects partial rows and decreasing indices', () => {
    const table = { rows: 2, cols: 3, data: new Uint32Array([12, 0, 0, 8, 12, 1]) }
    const bytes = encodeIndexTable(table)
    for (const input of [bytes, misaligned(bytes)]) {
      const parsed = parseIndexTable(input, 3)
      expect(parsed.rows).toBe(2)
      expect(Array.from(parsed.data)).toEqual([12, 0, 0, 8, 12, 1])
    }
    expectShoalError(() => parseIndexTable(bytes.subarray(0, 20), 3, 'x/k'), 'CORRUPT_CHUNK', 'x/k')
    const decreasing = encodeIndexTable({ rows: 2, cols: 2, data: new Uint32Array([1, 5, 1, 4]) })
    expectShoalError(() => parseIndexTable(decreasing, 2, 'x/k'), 'CORRUPT_CHUNK', 'x/k')
  })

  it('property: every index maps back to the values appended for it', () => {
    const runs = fc.array(
      fc.tuple(fc.array(fc.nat(5), { minLength: 2, maxLength: 2 }), fc.integer({ min: 0, max: 4 })),
      {
        maxLength: 40,
      },
    )
    fc.assert(
      fc.property(runs, (input) => {
        const builder = new IndexTableBuilder(3)
        const expected: number[][] = []
        for (const [values, count] of input) {
          builder.appendRun(values, count)
          for (let i = 0; i < count; i++) expected.push(values)
        }
        const table = builder.toTable()
        expect(tableLength(table)).toBe(expected.length)
        for (let i = 0; i < expected.length; i++) expect(lookup(table, i)).toEqual(expected[i])
        expect(findRow(table, expected.length)).toBe(-1)
        // No two neighbouring rows hold equal values (maximal merging).
        for (let r = 1; r < table.rows; r++)
          expect(lookup(table, rowFirstIndex(table, r))).not.toEqual(
            lookup(table, rowFirstIndex(table, r - 1)),
          )
        expect(Array.from(parseIndexTable(encodeIndexTable(table), 3).data)).toEqual(Array.from(table.data))
      }),
    )
  })

  it('property: byte positions give every sample its own contiguous range', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 60 }), (sizes) => {
        const builder = new BytePositionsBuilder()
        for (const size of sizes) builder.append(size)
        const table = builder.toTable()
        let offset = 0
        for (let i = 0; i < sizes.length; i++) {
          const row = findRow(table, i)
          const numBytes = cell(table, row, 0)
          const start = cell(table, row, 1) + (i - rowFirstIndex(table, row)) * numBytes
          expect([start, numBytes]).toEqual([offset, sizes[i]])
          offset += sizes[i]!
        }
        expect(builder.byteLength).toBe(offset)
        expect(tableLength(table)).toBe(sizes.length)
      }),
    )
  })

  it('property: appendPacked builds the same byte positions as append, from any start', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }),
        fc.nat(60),
        (before, sizes, cut) => {
          const general = new BytePositionsBuilder()
          for (const size of before) general.append(size)
          const packed = new BytePositionsBuilder(general.toTable())
          for (const size of sizes) general.append(size)
          // The batch's end offsets, appended in two ranges split at `cut`.
          const ends = new Uint32Array(sizes.length)
          sizes.reduce((end, size, k) => (ends[k] = end + size), 0)
          const split = Math.min(cut, sizes.length)
          packed.appendPacked(ends, 0, split)
          packed.appendPacked(ends, split, sizes.length)
          expect(packed.toTable()).toEqual(general.toTable())
          expect(packed.byteLength).toBe(general.byteLength)
        },
      ),
    )
  })
})
