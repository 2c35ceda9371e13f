import { isShoalError, isTransientNetworkError, ShoalError } from '@shoal/core/plugin'

interface SdkError {
  readonly name?: string
  readonly Code?: string
  readonly $metadata?: { readonly httpStatusCode?: number }
  readonly $retryable?: unknown
}

const sdk = (error: unknown): SdkError =>
  typeof error === 'object' && error !== null ? (error as SdkError) : {}

/** The HTTP status of an SDK error, when it got one. */
export function statusOf(error: unknown): number | undefined {
  return sdk(error).$metadata?.httpStatusCode
}

const NOT_FOUND = new Set(['NoSuchKey', 'NotFound'])
const THROTTLED = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'InternalError',
  'ServiceUnavailable',
])

/** A missing object (404 NoSuchKey), which providers report as `undefined`. */
export function isMissing(error: unknown): boolean {
  const { name } = sdk(error)
  return (name !== undefined && NOT_FOUND.has(name)) || statusOf(error) === 404
}

/** Throttling, 5xx and dropped connections are worth a retry; other 4xx never are. */
export function isRetryable(error: unknown): boolean {
  if (isShoalError(error)) return false
  const status = statusOf(error)
  if (status !== undefined) return status >= 500 || status === 429 || THROTTLED.has(sdk(error).name ?? '')
  if (THROTTLED.has(sdk(error).name ?? '')) return true
  return isTransientNetworkError(error)
}

/**
 * A typed STORAGE error for a failed call on `s3://bucket/key`. The message names the bucket, key
 * and S3 error code only: SDK messages can echo request details, so they stay in `cause`.
 */
export function storageError(error: unknown, action: string, bucket: string, key: string): ShoalError {
  if (isShoalError(error)) return error
  const status = statusOf(error)
  const code = sdk(error).name ?? 'Error'
  const where = `s3://${bucket}/${key}`
  if (
    status === 403 ||
    code === 'AccessDenied' ||
    code === 'InvalidAccessKeyId' ||
    code === 'SignatureDoesNotMatch'
  ) {
    return new ShoalError(
      'STORAGE',
      `access denied: cannot ${action} ${where} (${code}${status ? `, HTTP ${status}` : ''})`,
      {
        key,
        retryable: false,
        hint: 'check that the credentials (creds option, ds.populateCreds, or the AWS default chain) may access this bucket',
        cause: error,
      },
    )
  }
  return new ShoalError('STORAGE', `cannot ${action} ${where}: ${code}${status ? ` (HTTP ${status})` : ''}`, {
    key,
    retryable: isRetryable(error),
    cause: error,
  })
}
