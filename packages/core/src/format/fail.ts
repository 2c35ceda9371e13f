import { ShoalError, type ShoalErrorCode } from '../errors.js'

/** Extra context for format errors. */
export interface FailDetails {
  readonly expected?: string
  readonly cause?: unknown
}

function fail(
  code: ShoalErrorCode,
  message: string,
  key: string | undefined,
  details: FailDetails,
): ShoalError {
  // The key leads the message so a log line alone says which file is broken.
  const text = key === undefined ? message : `"${key}": ${message}`
  return new ShoalError(code, text, {
    ...(key === undefined ? {} : { key }),
    ...(details.expected === undefined ? {} : { expected: details.expected }),
    ...(details.cause === undefined ? {} : { cause: details.cause }),
  })
}

/** A CORRUPT_CHUNK error for a malformed binary file. */
export function corrupt(message: string, key?: string, details: FailDetails = {}): ShoalError {
  return fail('CORRUPT_CHUNK', message, key, details)
}

/** An INVALID_METADATA error for malformed JSON metadata. */
export function invalidMetadata(message: string, key?: string, details: FailDetails = {}): ShoalError {
  return fail('INVALID_METADATA', message, key, details)
}

/** An INVALID_ARGUMENT error for values a caller asked us to encode. */
export function invalidArgument(message: string, details: FailDetails = {}): ShoalError {
  return fail('INVALID_ARGUMENT', message, undefined, details)
}
