import { ShoalError, type StorageScheme } from '@shoal/core/plugin'
import type { S3ClientLike, S3Credentials, S3StorageOptions } from './options.js'
import { createS3Storage } from './s3-storage.js'

/** Bucket and prefix of an `s3://bucket/prefix` URL. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/?#]+)\/?([^?#]*)$/i.exec(url)
  if (!match) {
    throw new ShoalError('INVALID_ARGUMENT', `"${url}" is not an S3 URL; expected s3://bucket/prefix`)
  }
  return { bucket: match[1]!, prefix: decodeURIComponent(match[2]!) }
}

const pick = (creds: Record<string, unknown>, ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = creds[name]
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/**
 * Store options from a creds record: this package's option names, or the names Python deeplake
 * uses (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`, `endpoint_url`,
 * `aws_region`). An empty record means the SDK's default chain.
 */
export function optionsFromCreds(creds: Record<string, unknown> = {}): Omit<S3StorageOptions, 'bucket'> {
  const options: Record<string, unknown> = {}
  const set = (name: string, value: unknown) => {
    if (value !== undefined) options[name] = value
  }
  set('accessKeyId', pick(creds, 'accessKeyId', 'aws_access_key_id'))
  set('secretAccessKey', pick(creds, 'secretAccessKey', 'aws_secret_access_key'))
  set('sessionToken', pick(creds, 'sessionToken', 'aws_session_token'))
  set('region', pick(creds, 'region', 'aws_region'))
  set('endpoint', pick(creds, 'endpoint', 'endpoint_url'))
  if (typeof creds.forcePathStyle === 'boolean') options.forcePathStyle = creds.forcePathStyle
  if (creds.credentials !== undefined) options.credentials = creds.credentials as S3Credentials
  if (creds.client !== undefined) options.client = creds.client as S3ClientLike
  if (typeof creds.maxConcurrency === 'number') options.maxConcurrency = creds.maxConcurrency
  return options
}

/** The `s3://` scheme: `openDataset("s3://bucket/prefix", { creds })`. */
export const s3Scheme: StorageScheme = {
  name: 's3',
  providedBy: '@shoal/storage-s3',
  version: '0.1.0',
  open(url, options) {
    const { bucket, prefix } = parseS3Url(url)
    return createS3Storage({ ...optionsFromCreds(options.creds), bucket, prefix })
  },
}
