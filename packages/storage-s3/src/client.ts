import { ShoalError } from '@shoal/core/plugin'
import type { S3ClientLike, S3StorageOptions } from './options.js'

/** The parts of `@aws-sdk/client-s3` this package uses. */
export type S3Sdk = typeof import('@aws-sdk/client-s3')

let sdkPromise: Promise<S3Sdk> | undefined

/** Imports `@aws-sdk/client-s3` on first use, so importing this package stays cheap. */
export function loadSdk(): Promise<S3Sdk> {
  sdkPromise ??= import('@aws-sdk/client-s3').catch((cause: unknown) => {
    sdkPromise = undefined
    throw new ShoalError(
      'MISSING_DEPENDENCY',
      '@shoal/storage-s3 needs @aws-sdk/client-s3 (^3.1173.0); install it, or pass a ready S3Client as the `client` option',
      { plugin: '@aws-sdk/client-s3', cause },
    )
  })
  return sdkPromise
}

/** A client built from the options; credentials stay inside the SDK (a provider keeps refreshing). */
export async function createClient(options: S3StorageOptions, sdk: S3Sdk): Promise<S3ClientLike> {
  const { accessKeyId, secretAccessKey, sessionToken } = options
  const credentials =
    options.credentials ??
    (accessKeyId && secretAccessKey
      ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }
      : undefined)
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL
  return new sdk.S3Client({
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? endpoint !== undefined,
    ...(credentials ? { credentials } : {}),
    // Retries are ours (throttling and 5xx only, counted, abortable); the SDK must not add its own.
    maxAttempts: 1,
  })
}
