import { ShoalError, type StorageScheme } from '@shoal/core/plugin'
import { createGcsStorage } from './gcs-storage.js'
import type { GcsClientLike, GcsStorageOptions } from './options.js'

/** Bucket and prefix of a `gs://bucket/prefix` or `gcs://bucket/prefix` URL. */
export function parseGcsUrl(url: string): { bucket: string; prefix: string } {
  const match = /^(?:gs|gcs|gcp):\/\/([^/?#]+)\/?([^?#]*)$/i.exec(url)
  if (!match) {
    throw new ShoalError(
      'INVALID_ARGUMENT',
      `"${url}" is not a GCS URL; expected gcs://bucket/prefix or gs://bucket/prefix`,
    )
  }
  return { bucket: match[1]!, prefix: decodeURIComponent(match[2]!) }
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

/**
 * Store options from a creds record: this package's option names, or the shapes Python deeplake
 * accepts (a service-account key's own fields, `project`, `endpoint_url`). An empty record means
 * Application Default Credentials.
 */
export function optionsFromCreds(creds: Record<string, unknown> = {}): Omit<GcsStorageOptions, 'bucket'> {
  const options: Record<string, unknown> = {}
  const projectId = text(creds.projectId) ?? text(creds.project) ?? text(creds.project_id)
  if (projectId) options.projectId = projectId
  const keyFilename = text(creds.keyFilename) ?? text(creds.key_filename)
  if (keyFilename) options.keyFilename = keyFilename
  if (typeof creds.credentials === 'object' && creds.credentials !== null)
    options.credentials = creds.credentials
  else if (text(creds.private_key) && text(creds.client_email)) options.credentials = { ...creds }
  const endpoint = text(creds.apiEndpoint) ?? text(creds.endpoint_url) ?? text(creds.endpoint)
  if (endpoint) options.apiEndpoint = endpoint
  const token = text(creds.token) ?? text(creds.access_token)
  if (token) options.token = token
  if (creds.authClient !== undefined) options.authClient = creds.authClient
  if (creds.client !== undefined) options.client = creds.client as GcsClientLike
  if (typeof creds.maxConcurrency === 'number') options.maxConcurrency = creds.maxConcurrency
  return options
}

function gcsScheme(name: 'gcs' | 'gs' | 'gcp'): StorageScheme {
  return {
    name,
    providedBy: '@shoal/storage-gcs',
    version: '0.1.0',
    open(url, options) {
      const { bucket, prefix } = parseGcsUrl(url)
      return createGcsStorage({ ...optionsFromCreds(options.creds), bucket, prefix })
    },
  }
}

/**
 * The `gcs://` and `gs://` schemes (and `gcp://`, which Python deeplake also accepts):
 * `openDataset("gcs://bucket/prefix", { creds })`.
 */
export const gcsSchemes: readonly StorageScheme[] = [gcsScheme('gcs'), gcsScheme('gs'), gcsScheme('gcp')]
