import { afterAll, describe, it } from 'vitest'
import { checkDefinitions } from './htype/definitions.js'
import { TempFolders } from './htype/folder.js'
import { checkInvalidSample } from './htype/invalid.js'
import {
  checkDuplicateRefused,
  checkIdempotentRegistration,
  checkMissingPlugin,
} from './htype/registration.js'
import { checkRoundTrip } from './htype/round-trip.js'
import type { HtypeConformanceOptions } from './htype/types.js'

export type {
  CompareSample,
  HtypeConformanceOptions,
  InvalidSample,
  RoundTripCase,
  SampleInput,
  ValidSample,
} from './htype/types.js'

/**
 * Declares the htype conformance suite for a plugin: call it at the top level of a vitest test
 * file. It checks that every round-trip case survives write, flush, close, reopen and read (get,
 * getRange, iteration); that every invalid sample is refused with its typed error, naming tensor
 * and index, with the dataset's files left byte for byte as they were; and that registration is
 * idempotent, refuses a different definition under a taken name, and that a dataset using the
 * htype opened without the plugin fails with UNKNOWN_HTYPE.
 *
 * The suite never changes the caller's plugin registry: writes pass the plugin through
 * `openDataset`'s `htypes`/`codecs` options, and the registration tests run against a fresh one.
 *
 * @example
 * describeHtypeConformance({
 *   htypes: heatmapHtypes,
 *   roundTrips: [{ title: '2×3', tensor: { htype: 'heatmap' }, samples: [{ input, expected }] }],
 *   invalid: [{ title: 'rank 3', tensor: { htype: 'heatmap' }, input: cube, code: 'INVALID_SAMPLE' }],
 * })
 */
export function describeHtypeConformance(options: HtypeConformanceOptions): void {
  if (options.roundTrips.length === 0)
    throw new Error('describeHtypeConformance needs at least one round trip')
  const title = options.name ?? options.htypes[0]?.providedBy ?? 'htype plugin'

  describe(`htype conformance: ${title}`, () => {
    const folders = new TempFolders()
    afterAll(() => folders.removeAll())

    it('declares well-formed htype and codec definitions', () => checkDefinitions(options))

    describe('round trip through write, flush, close, reopen and read', () => {
      for (const roundTrip of options.roundTrips) {
        it(roundTrip.title, () => checkRoundTrip(options, roundTrip, folders))
      }
    })

    if (options.invalid && options.invalid.length > 0) {
      describe('invalid samples: typed error naming tensor and index, files untouched', () => {
        for (const invalid of options.invalid ?? []) {
          it(`${invalid.title} → ${invalid.code}`, () => checkInvalidSample(options, invalid, folders))
        }
      })
    }

    describe('registration', () => {
      it('registering the same definitions twice is a no-op', () =>
        checkIdempotentRegistration(options, folders))
      it('a different definition under a taken name throws DUPLICATE_HTYPE / DUPLICATE_CODEC', () =>
        checkDuplicateRefused(options))
      it('a dataset using the htype, opened without the plugin, fails with UNKNOWN_HTYPE', () =>
        checkMissingPlugin(options, folders))
    })
  })
}
