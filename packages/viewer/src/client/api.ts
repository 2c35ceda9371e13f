/** Requests to the viewer's server; errors come back as the server's typed JSON. */
import type { ErrorJson } from '../shared/protocol.js'

/** A failed request, with the server's error when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly json: ErrorJson,
  ) {
    super(json.message)
  }
}

/** GETs JSON from the server. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal: signal ?? null, headers: { Accept: 'application/json' } })
  if (response.ok) return (await response.json()) as T
  throw await errorOf(response)
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: ErrorJson }
    if (body.error) return new ApiError(response.status, body.error)
  } catch {
    // Not JSON: fall through to the status line.
  }
  return new ApiError(response.status, { code: `HTTP_${response.status}`, message: response.statusText })
}

/** Why a picture URL failed to load: asks the server again and reads its JSON error. */
export async function pictureError(src: string): Promise<ErrorJson> {
  try {
    const response = await fetch(src)
    if (!response.ok) return (await errorOf(response)).json
    return { code: 'UNREADABLE', message: 'the browser cannot display this picture' }
  } catch (error) {
    return { code: 'NETWORK', message: error instanceof Error ? error.message : String(error) }
  }
}
