import type { CreateTensorOptions } from '@shoal/core'
import type { CompressionCodec, HtypeDefinition, ShoalErrorCode } from '@shoal/core/plugin'

/**
 * A sample to append: the value itself, or a function that makes it (use one for inputs that
 * should be fresh each time, such as `read(bytes)` results; the suite appends a sample in more
 * than one test).
 */
export type SampleInput = unknown

/**
 * Checks a read-back value against what the case expected. Throw (e.g. with vitest's `expect`)
 * or return false when they differ.
 */
export type CompareSample = (actual: unknown, expected: unknown) => unknown

/** A sample that must be stored and read back. */
export interface ValidSample {
  /** Shown in failure messages; default "sample <i>". */
  readonly title?: string
  readonly input: SampleInput
  /**
   * What `tensor.get(i)` must return. An `{ shape, data, dtype? }` object is compared element by
   * element (and its shape against `tensor.sampleShape(i)`); anything else with the case's
   * `compare` or deep equality.
   */
  readonly expected: unknown
}

/** One tensor configuration and the samples that must round-trip through it. */
export interface RoundTripCase {
  readonly title: string
  /** `createTensor` options: the htype, and its dtype and compressions. */
  readonly tensor: CreateTensorOptions
  /** At least one; include an empty sample (a 0 in the shape) if the htype allows them. */
  readonly samples: readonly ValidSample[]
  /** Overrides the element-by-element comparison (lossy formats such as JPEG). */
  readonly compare?: CompareSample
}

/** A sample the htype must refuse. */
export interface InvalidSample {
  readonly title: string
  readonly tensor: CreateTensorOptions
  /** Valid samples appended and flushed first, so the refusal happens at index `before.length`. */
  readonly before?: readonly SampleInput[]
  readonly input: SampleInput
  /** The `ShoalError` code the append must fail with (usually `INVALID_SAMPLE`). */
  readonly code: ShoalErrorCode
}

/** What {@link describeHtypeConformance} needs to know about a plugin. */
export interface HtypeConformanceOptions {
  /** Suite title; default the package named by the first definition's `providedBy`. */
  readonly name?: string
  /** The plugin's htype definitions (its pure main entry's list). */
  readonly htypes: readonly HtypeDefinition[]
  /** The plugin's compression codecs, if it has any. */
  readonly codecs?: readonly CompressionCodec[]
  /** Valid configurations; the first one also serves the registration and missing-plugin tests. */
  readonly roundTrips: readonly RoundTripCase[]
  readonly invalid?: readonly InvalidSample[]
}
