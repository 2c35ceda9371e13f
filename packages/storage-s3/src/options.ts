import type { RetryPolicy } from '@shoal/core/plugin'

/** A source of AWS credentials: fixed values, or a provider the SDK calls again when they expire. */
export type S3Credentials =
  | { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string }
  | (() => Promise<{
      readonly accessKeyId: string
      readonly secretAccessKey: string
      readonly sessionToken?: string
      readonly expiration?: Date
    }>)

/** The subset of `@aws-sdk/client-s3`'s `S3Client` this package uses, so a caller can inject one. */
export interface S3ClientLike {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>
  destroy?(): void
}

/** Options of {@link createS3Storage}. */
export interface S3StorageOptions {
  /** Bucket name. */
  readonly bucket: string
  /** Key prefix ("folder") the store is rooted at; '' for the whole bucket. */
  readonly prefix?: string
  /**
   * A ready `S3Client` (from `@aws-sdk/client-s3`). Injecting one skips every option below that
   * configures a client; the store never destroys a client it did not create.
   */
  readonly client?: S3ClientLike
  /** Region (default: the SDK's chain, then "us-east-1"). */
  readonly region?: string
  /** A custom endpoint: MinIO, R2, a local emulator. */
  readonly endpoint?: string
  /** Path-style addressing (`endpoint/bucket/key`); default true when `endpoint` is set. */
  readonly forcePathStyle?: boolean
  /** Static keys; prefer `credentials` (a refreshing provider) or the default chain for long runs. */
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  /**
   * Credentials object or provider, e.g. `fromTemporaryCredentials(...)` from
   * `@aws-sdk/credential-providers`. The SDK calls a provider again before its keys expire.
   * Default: the SDK's chain (environment, shared config/profile, container and instance metadata).
   */
  readonly credentials?: S3Credentials
  /** Requests in flight at once, per store (default 16). */
  readonly maxConcurrency?: number
  /** Retry policy for throttling, 5xx and dropped connections (default 4 retries). */
  readonly retry?: RetryPolicy
  /** Keys per ListObjectsV2 page (default 1000, the S3 maximum). */
  readonly pageSize?: number
}
