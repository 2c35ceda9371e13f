/**
 * @shoal/testkit: conformance suites that Shoal plugins run from their own vitest tests.
 */
export * from './htype.js'
