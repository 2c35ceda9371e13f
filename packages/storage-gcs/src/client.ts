import { ShoalError } from '@shoal/core/plugin'
import type { GcsClientLike, GcsStorageOptions } from './options.js'

let sdkPromise: Promise<typeof import('@google-cloud/storage')> | undefined

/** Imports `@google-cloud/storage` on first use, so importing this package stays cheap. */
export function loadSdk(): Promise<typeof import('@google-cloud/storage')> {
  sdkPromise ??= import('@google-cloud/storage').catch((cause: unknown) => {
    sdkPromise = undefined
    throw new ShoalError(
      'MISSING_DEPENDENCY',
      '@shoal/storage-gcs needs @google-cloud/storage (^7.22.0); install it, or pass a ready Storage as the `client` option',
      { plugin: '@google-cloud/storage', cause },
    )
  })
  return sdkPromise
}

/** A client built from the options; token refresh stays inside the SDK's auth client. */
export async function createClient(options: GcsStorageOptions): Promise<GcsClientLike> {
  const sdk = await loadSdk()
  const authClient =
    options.authClient ?? (options.token === undefined ? undefined : bearerClient(options.token))
  const hasAuth =
    options.keyFilename !== undefined || options.credentials !== undefined || authClient !== undefined
  return new sdk.Storage({
    ...(options.projectId ? { projectId: options.projectId } : {}),
    ...(options.keyFilename ? { keyFilename: options.keyFilename } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // biome-ignore lint/suspicious/noExplicitAny: google-auth-library's client types are not imported here
    ...(authClient ? { authClient: authClient as any } : {}),
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint, useAuthWithCustomEndpoint: hasAuth } : {}),
    // Retries are ours (throttling and 5xx only, counted, abortable); the SDK must not add its own.
    retryOptions: { autoRetry: false, maxRetries: 0 },
  })
}

/**
 * The smallest auth client google-auth-library's GoogleAuth accepts: it asks for request headers,
 * and gets a bearer token fetched fresh each time (no copy is kept).
 */
function bearerClient(token: string | (() => Promise<string>)) {
  const current = async () => (typeof token === 'function' ? await token() : token)
  return {
    getRequestHeaders: async () => ({ Authorization: `Bearer ${await current()}` }),
    getAccessToken: async () => ({ token: await current() }),
    getCredentials: async () => ({}),
  }
}
