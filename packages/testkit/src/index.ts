/**
 * @shoal/testkit: conformance suites that Shoal plugins run from their own vitest tests:
 * `describeHtypeConformance` for htype packages, `describeStorageConformance` for storage backends.
 */
export * from './htype.js'
export * from './storage.js'
