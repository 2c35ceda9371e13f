/**
 * Shoal's one error catalogue. Every error core or a plugin throws is a {@link ShoalError}
 * with a stable `code`; callers branch on the code, never on `instanceof`, because a second
 * installed copy of core has its own classes but shares the `Symbol.for` brand.
 */

const BRAND = Symbol.for('@shoal/error')

/** Stable error codes. Codes are public API: new ones may be added, none is ever renamed. */
export type ShoalErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_METADATA'
  | 'INVALID_SAMPLE'
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_HTYPE'
  | 'UNKNOWN_COMPRESSION'
  | 'UNKNOWN_SCHEME'
  | 'DUPLICATE_HTYPE'
  | 'DUPLICATE_CODEC'
  | 'DUPLICATE_SCHEME'
  | 'INCOMPATIBLE_PLUGIN'
  | 'CORRUPT_CHUNK'
  | 'CHUNK_CODEC'
  | 'STORAGE'
  | 'READ_ONLY'
  | 'DATASET_LOCKED'
  | 'UNSUPPORTED'
  | 'MISSING_DEPENDENCY'
  | 'INDEX_OUT_OF_RANGE'
  | 'ALREADY_EXISTS'

/** Structured context an error can carry; every field is optional and read-only. */
export interface ShoalErrorDetails {
  /** Storage key (relative to the dataset root) that the failure concerns. */
  readonly key?: string
  /** Tensor name. */
  readonly tensor?: string
  /** Sample index within the tensor. */
  readonly index?: number
  /** What was expected, in words ("an lz4 block", "shape (n, 4)"). */
  readonly expected?: string
  /** A suggestion of what to do next. */
  readonly hint?: string
  /** Whether retrying the same call may succeed (network hiccups). */
  readonly retryable?: boolean
  /** The npm package that would supply what is missing (an htype, codec or storage scheme). */
  readonly plugin?: string
}

/** Base class of every Shoal error. Recognise it with {@link isShoalError}, not `instanceof`. */
export class ShoalError extends Error implements ShoalErrorDetails {
  readonly [BRAND] = true
  readonly code: ShoalErrorCode
  readonly key?: string
  readonly tensor?: string
  readonly index?: number
  readonly expected?: string
  readonly hint?: string
  readonly retryable?: boolean
  readonly plugin?: string

  constructor(code: ShoalErrorCode, message: string, details: ShoalErrorDetails & { cause?: unknown } = {}) {
    const { cause, ...rest } = details
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'ShoalError'
    this.code = code
    Object.assign(this, rest)
  }
}

/** True when `value` is a Shoal error (from any copy of core), optionally with the given code. */
export function isShoalError(value: unknown, code?: ShoalErrorCode): value is ShoalError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [BRAND]?: unknown })[BRAND] === true &&
    (code === undefined || (value as ShoalError).code === code)
  )
}

/** A second writer holds the dataset lock. */
export class DatasetLockedError extends ShoalError {
  constructor(message: string, details: ShoalErrorDetails & { cause?: unknown } = {}) {
    super('DATASET_LOCKED', message, details)
    this.name = 'DatasetLockedError'
  }
}

/** Builds a "where" phrase for messages: `tensor "x", sample 3, key "x/chunks/ab"`. */
export function where(details: ShoalErrorDetails): string {
  const parts: string[] = []
  if (details.tensor !== undefined) parts.push(`tensor "${details.tensor}"`)
  if (details.index !== undefined) parts.push(`sample ${details.index}`)
  if (details.key !== undefined) parts.push(`key "${details.key}"`)
  return parts.join(', ')
}
