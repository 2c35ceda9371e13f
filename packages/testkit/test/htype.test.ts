import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { findHtype, registerHtypes, ShoalError } from '@shoal/core/plugin'
import { afterAll, describe, expect, it } from 'vitest'
import { snapshotFolder, TempFolders } from '../src/htype/folder.js'
import { checkInvalidSample } from '../src/htype/invalid.js'
import { withFreshRegistry } from '../src/htype/isolated-registry.js'
import { checkIdempotentRegistration } from '../src/htype/registration.js'
import { checkRoundTrip } from '../src/htype/round-trip.js'
import type { HtypeConformanceOptions } from '../src/htype/types.js'
import { describeHtypeConformance } from '../src/index.js'
import { counts, countsHtype, countsPlugin, xorCodec } from './plugin-under-test.js'

// A plugin that follows the contract passes the whole suite.
describeHtypeConformance({
  ...countsPlugin,
  roundTrips: [
    {
      title: 'xor sample compression',
      tensor: { htype: 'testkit.counts' },
      samples: [
        { input: counts(1, 2, 3), expected: counts(1, 2, 3) },
        { title: 'empty', input: counts(), expected: counts() },
        { input: () => [999, 0], expected: { shape: [2], data: [999, 0], dtype: 'uint16' } },
      ],
    },
    {
      title: 'lz4 sample compression',
      tensor: { htype: 'testkit.counts', sampleCompression: 'lz4' },
      samples: [{ input: counts(7), expected: counts(7) }],
    },
  ],
  invalid: [
    {
      title: 'a count of 1000',
      tensor: { htype: 'testkit.counts' },
      before: [counts(1)],
      input: counts(5, 1000),
      code: 'INVALID_SAMPLE',
    },
    { title: 'a 2-D sample', tensor: { htype: 'testkit.counts' }, input: [[1], [2]], code: 'INVALID_SAMPLE' },
  ],
})

// The checks must fail for plugins that break the contract.
describe('the htype checks catch broken plugins', () => {
  const folders = new TempFolders()
  afterAll(() => folders.removeAll())

  it('a codec that does not give back what it stored fails the round trip', async () => {
    const lossy = {
      ...xorCodec,
      loadCodec: () => ({
        compressBytes: (b: Uint8Array) => b.map((x) => x ^ 0x5a),
        decompressBytes: (b: Uint8Array) => b,
      }),
    }
    const options: HtypeConformanceOptions = {
      htypes: [countsHtype],
      codecs: [lossy],
      roundTrips: [],
    }
    const roundTrip = {
      title: 'lossy',
      tensor: { htype: 'testkit.counts' },
      samples: [{ input: counts(1, 2), expected: counts(1, 2) }],
    }
    await expect(checkRoundTrip(options, roundTrip, folders)).rejects.toThrow(/elements/)
  })

  it('a validator that throws a plain Error fails the invalid-sample check', async () => {
    const sloppy = {
      ...countsHtype,
      validateSample: (sample: { shape: readonly number[] }) => {
        if (sample.shape[0] === 2) throw new Error('no pairs')
      },
    }
    const options: HtypeConformanceOptions = { htypes: [sloppy], codecs: [xorCodec], roundTrips: [] }
    const invalid = {
      title: 'pair',
      tensor: { htype: 'testkit.counts' },
      input: counts(1, 2),
      code: 'INVALID_SAMPLE' as const,
    }
    await expect(checkInvalidSample(options, invalid, folders)).rejects.toThrow(
      /expected a ShoalError INVALID_SAMPLE/,
    )
  })

  it('a sample the htype accepts fails a case that expects a refusal', async () => {
    const options: HtypeConformanceOptions = { ...countsPlugin, roundTrips: [] }
    const invalid = {
      title: 'fine',
      tensor: { htype: 'testkit.counts' },
      input: counts(3),
      code: 'INVALID_SAMPLE' as const,
    }
    await expect(checkInvalidSample(options, invalid, folders)).rejects.toThrow(/the append succeeded/)
  })

  it('an htype that takes a core name fails the registration check', async () => {
    const generic = { ...countsHtype, name: 'generic' }
    const options: HtypeConformanceOptions = {
      htypes: [generic],
      roundTrips: [
        { title: 'x', tensor: { htype: 'generic' }, samples: [{ input: counts(1), expected: counts(1) }] },
      ],
    }
    await expect(checkIdempotentRegistration(options, folders)).rejects.toSatisfy(
      (e) => e instanceof ShoalError && e.code === 'DUPLICATE_HTYPE',
    )
  })
})

describe('helpers', () => {
  it('withFreshRegistry hides registered plugins for the call and restores them after', async () => {
    registerHtypes([countsHtype])
    const inside = await withFreshRegistry(() => [findHtype('testkit.counts'), findHtype('generic')?.name])
    expect(inside).toEqual([undefined, 'generic'])
    expect(findHtype('testkit.counts')).toBe(countsHtype)
  })

  it('snapshotFolder sees a changed byte and a new file', async () => {
    const folders = new TempFolders()
    const root = await folders.datasetPath()
    const file = join(root, 'a', 'b.bin')
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, new Uint8Array([1, 2, 3]))
    const before = await snapshotFolder(root)
    expect(Object.keys(before)).toEqual([join('a', 'b.bin')])
    await writeFile(file, new Uint8Array([1, 2, 4]))
    expect(await snapshotFolder(root)).not.toEqual(before)
    await writeFile(file, new Uint8Array([1, 2, 3]))
    expect(await snapshotFolder(root)).toEqual(before)
    await writeFile(join(root, 'c'), '')
    expect(Object.keys(await snapshotFolder(root))).toHaveLength(2)
    await folders.removeAll()
  })
})
