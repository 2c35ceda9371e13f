import type { RetryPolicy } from '@shoal/core/plugin'

/** The subset of `@google-cloud/storage`'s `Storage` this package uses, so a caller can inject one. */
export interface GcsClientLike {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's Bucket type is not imported at run time
  bucket(name: string): any
}

/** Options of {@link createGcsStorage}. */
export interface GcsStorageOptions {
  /** Bucket name. */
  readonly bucket: string
  /** Object name prefix ("folder") the store is rooted at; '' for the whole bucket. */
  readonly prefix?: string
  /** A ready `Storage` from `@google-cloud/storage`; skips every option below that configures one. */
  readonly client?: GcsClientLike
  /** Project id (default: from the credentials or the environment). */
  readonly projectId?: string
  /** Path of a service-account key file. */
  readonly keyFilename?: string
  /** Service-account key contents (`client_email`, `private_key`). */
  readonly credentials?: {
    readonly client_email?: string
    readonly private_key?: string
    readonly [name: string]: unknown
  }
  /**
   * An OAuth2 access token, or a function the store calls for the current one before each request
   * (so a caller's refreshing source keeps long runs authorised).
   */
  readonly token?: string | (() => Promise<string>)
  /**
   * An auth client (google-auth-library `GoogleAuth`/`OAuth2Client`, e.g. one holding an access
   * token). It refreshes tokens itself; the store keeps no copy of them.
   */
  readonly authClient?: unknown
  /** A custom endpoint: an emulator or a GCS-compatible server. */
  readonly apiEndpoint?: string
  /** Requests in flight at once, per store (default 16). */
  readonly maxConcurrency?: number
  /** Retry policy for throttling (429), 5xx and dropped connections (default 4 retries). */
  readonly retry?: RetryPolicy
  /** Objects per list page (default 1000). */
  readonly pageSize?: number
}
