import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CommitDiff, encodeCommitDiff, parseCommitDiff } from '../../src/format/commit-diff.js'
import { expectShoalError, fixture, fixturesNamed, hex, toHex } from './helpers.js'

const fresh = (samples: number): CommitDiff => ({
  created: true,
  infoUpdated: false,
  dataTransformed: false,
  addedStart: 0,
  addedEnd: samples,
  updated: [],
  cleared: false,
  deleted: [],
})

describe('commit diff', () => {
  it('writes the spec §3.7 fresh-tensor example (36 bytes)', () => {
    const bytes = encodeCommitDiff(fresh(2))
    expect(toHex(bytes)).toBe(
      toHex(hex(`010000 ${'00'.repeat(8)} 0000000000000002 ${'00'.repeat(8)} 00 ${'00'.repeat(8)}`)),
    )
    expect(bytes.byteLength).toBe(36)
  })

  it('matches the generic/int32_1d fixture (4 samples)', () => {
    const bytes = fixture('generic/int32_1d/commit_diff')
    expect(parseCommitDiff(bytes)).toEqual(fresh(4))
    expect(toHex(encodeCommitDiff(fresh(4)))).toBe(toHex(bytes))
  })

  it('reads a later commit with an update and re-encodes every fixture', () => {
    const later = parseCommitDiff(
      fixture('version_control/versions/d2923651158dc994463c08598a413864647fd0cd/x/commit_diff'),
    )
    expect(later).toMatchObject({ created: false, addedStart: 4, addedEnd: 5, updated: [2], deleted: [] })
    const paths = fixturesNamed('commit_diff')
    expect(paths.length).toBeGreaterThan(50)
    for (const path of paths) {
      const bytes = fixture(path)
      expect(toHex(encodeCommitDiff(parseCommitDiff(bytes, path)))).toBe(toHex(bytes))
    }
  })

  it('accepts the old layout without a deleted section', () => {
    const old = encodeCommitDiff(fresh(3)).subarray(0, 28)
    expect(parseCommitDiff(old)).toEqual(fresh(3))
  })

  it('reads deleted ids after the deleted indices when present', () => {
    const diff: CommitDiff = { ...fresh(1), deleted: [4, 9], deletedIds: [0xffff_ffff_ffff_ffffn, 3n] }
    const bytes = encodeCommitDiff(diff)
    expect(bytes.byteLength).toBe(36 + 32)
    expect(parseCommitDiff(bytes)).toEqual(diff)
    const { deletedIds: _ids, ...withoutIds } = diff
    expect(parseCommitDiff(encodeCommitDiff(withoutIds))).toEqual(withoutIds)
    expectShoalError(() => encodeCommitDiff({ ...diff, deletedIds: [1n] }), 'INVALID_ARGUMENT')
  })

  it('rejects truncated files with CORRUPT_CHUNK naming the key', () => {
    const key = 'x/commit_diff'
    const bytes = encodeCommitDiff({ ...fresh(2), updated: [1, 2] })
    for (const length of [0, 2, 10, 27, 30, 43]) {
      expectShoalError(() => parseCommitDiff(bytes.subarray(0, length), key), 'CORRUPT_CHUNK', key)
    }
    const hugeCount = bytes.slice()
    hugeCount.fill(0xff, 19, 27)
    expectShoalError(() => parseCommitDiff(hugeCount, key), 'CORRUPT_CHUNK', key)
  })

  it('property: diffs round-trip', () => {
    const index = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })
    const diff = fc
      .record({
        created: fc.boolean(),
        infoUpdated: fc.boolean(),
        dataTransformed: fc.boolean(),
        addedStart: index,
        addedEnd: index,
        updated: fc.array(index, { maxLength: 5 }),
        cleared: fc.boolean(),
        deleted: fc.array(index, { maxLength: 5 }),
      })
      .chain((d) =>
        fc.oneof(
          fc.constant<CommitDiff>(d),
          fc
            .array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), {
              minLength: d.deleted.length,
              maxLength: d.deleted.length,
            })
            .map((ids): CommitDiff => (d.deleted.length > 0 ? { ...d, deletedIds: ids } : d)),
        ),
      )
    fc.assert(
      fc.property(diff, (d) => {
        expect(parseCommitDiff(encodeCommitDiff(d))).toEqual(d)
      }),
    )
  })
})
