import { isShoalError, isTransientNetworkError, ShoalError } from '@shoal/core/plugin'

/** The HTTP status of an SDK error (`ApiError.code`), when it got one. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'number') return code
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status
  return typeof status === 'number' ? status : undefined
}

/** 404: the object does not exist, which providers report as `undefined`. */
export const isMissing = (error: unknown): boolean => statusOf(error) === 404

/** Throttling (429), 5xx and dropped connections are worth a retry; other 4xx never are. */
export function isRetryable(error: unknown): boolean {
  if (isShoalError(error)) return false
  const status = statusOf(error)
  if (status !== undefined) return status >= 500 || status === 429 || status === 408
  return isTransientNetworkError(error)
}

/**
 * A typed STORAGE error for a failed call on `gs://bucket/key`. The message names bucket, key and
 * status only; SDK messages can echo request details, so they stay in `cause`.
 */
export function storageError(error: unknown, action: string, bucket: string, key: string): ShoalError {
  if (isShoalError(error)) return error
  const status = statusOf(error)
  const where = `gs://${bucket}/${key}`
  if (status === 401 || status === 403) {
    return new ShoalError('STORAGE', `access denied: cannot ${action} ${where} (HTTP ${status})`, {
      key,
      retryable: false,
      hint: 'check that the credentials (creds option, ds.populateCreds, or Application Default Credentials) may access this bucket',
      cause: error,
    })
  }
  return new ShoalError('STORAGE', `cannot ${action} ${where}${status ? ` (HTTP ${status})` : ''}`, {
    key,
    retryable: isRetryable(error),
    cause: error,
  })
}
