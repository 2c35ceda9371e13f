import type { NDArray } from '../ndarray.js'

/** How a sample's payload is laid out in a chunk (spec §2.5). */
export type SampleLayout = 'array' | 'text' | 'json' | 'list' | 'polygon'

/** What a validator knows about the sample it checks. */
export interface ValidateContext {
  readonly tensor: string
  readonly index: number
  /** The tensor's stored meta, htype-specific keys included (snake_case, as on disk). */
  readonly meta: Readonly<Record<string, unknown>>
  /** The tensor's tensor_info.json (coords, keypoints, …), when the writer has it. */
  readonly info?: Readonly<Record<string, unknown>>
}

/**
 * An htype as a plain object (contract version 1). Cheap to import: metadata and small
 * validators only. Heavy code (codecs) is registered separately and loaded on first use.
 */
export interface HtypeDefinition {
  /** Contract major this object satisfies. */
  readonly specVersion: 1
  /** The name written into tensor_meta.htype; never renamed. */
  readonly name: string
  /** The npm package that provides it, quoted by "not registered" errors. */
  readonly providedBy: string
  readonly version?: string
  /** How payloads are stored. */
  readonly layout: SampleLayout
  /** dtype when the user gives none; null = inferred from the first sample. */
  readonly defaultDtype: string | null
  /** dtypes a user may choose; undefined = any numeric dtype (or the fixed default for non-arrays). */
  readonly dtypes?: readonly string[]
  /** Compressions allowed (sample or chunk); 'any' = every registered one. */
  readonly compressions?: readonly string[] | 'any'
  /** Sample compression when the user gives none. */
  readonly defaultSampleCompression?: string | null
  /** createTensor must be told sampleCompression or chunkCompression, even if null (image). */
  readonly requiresCompressionArgument?: boolean
  /** htype-specific tensor_meta keys and their defaults, snake_case as stored. */
  readonly metaDefaults?: Readonly<Record<string, unknown>>
  /** tensor_info.json written at creation. */
  readonly infoDefaults?: Readonly<Record<string, unknown>>
  /** Hidden companions Python creates by default besides `_<name>_id`. */
  readonly companions?: { readonly shape?: boolean; readonly info?: boolean }
  /** False when `sequence[<this>]` is not allowed (tag). */
  readonly allowedInSequence?: boolean
  /** Sample ranks allowed, e.g. [2] for bbox; undefined = any (all samples share one rank). */
  readonly ranks?: readonly number[]
  /** Throws INVALID_SAMPLE when a numeric sample breaks the htype's rules. */
  validateSample?(sample: NDArray, context: ValidateContext): void
  /**
   * Checks the tensor_info createTensor is about to write (bbox coords, keypoints, …); throws
   * INVALID_ARGUMENT naming the tensor, before anything is written.
   */
  validateInfo?(info: Readonly<Record<string, unknown>>, context: { readonly tensor: string }): void
  /**
   * Converts an incoming array before it is validated (image.rgb makes 3 channels, image.gray
   * one); return the sample itself when nothing changes.
   */
  convertSample?(sample: NDArray, context: ValidateContext): NDArray
  /**
   * For read() files in the tensor's own format: false when a file of this stored shape must be
   * decoded, converted and re-encoded instead of kept byte for byte.
   */
  keepsFile?(shape: readonly number[], context: ValidateContext): boolean
}

/** Identity helper that type-checks an htype definition. */
export function defineHtype<const T extends HtypeDefinition>(definition: T): T {
  return definition
}
