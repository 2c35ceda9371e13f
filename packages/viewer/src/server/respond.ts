/** Writing responses: security headers on every one, JSON and bytes, conditional GETs, HEAD. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ErrorJson } from '../shared/protocol.js'

/** The page may load scripts, styles, images, media and data from this server only. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"

/** Headers every response carries. */
export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

/**
 * Browsers keep responses but ask again before reusing one: a restart on another dataset (same
 * port) must never show stale pictures, and asking again is cheap with an ETag.
 */
const REVALIDATE = 'no-cache'

/**
 * Sends a complete body (no body for HEAD) with its type and length. Routes that tag their
 * response call {@link notModified} first, before reading any sample.
 */
export function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Uint8Array | string,
  headers: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  res.statusCode = status
  res.setHeader('Content-Type', contentType)
  res.setHeader('Content-Length', String(bytes.byteLength))
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', REVALIDATE)
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.end(req.method === 'HEAD' ? undefined : bytes)
}

/** Sends a JSON value. */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void {
  sendBody(req, res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

/** Sends `{ error }` with a status; errors are never cached. */
export function sendError(req: IncomingMessage, res: ServerResponse, status: number, error: ErrorJson): void {
  res.setHeader('Cache-Control', 'no-store')
  res.removeHeader('ETag')
  sendJson(req, res, status, { error })
}

/** Sets `etag` and answers 304 when the browser already has it; true when the response is done. */
export function notModified(req: IncomingMessage, res: ServerResponse, etag: string): boolean {
  res.setHeader('ETag', etag)
  res.setHeader('Cache-Control', REVALIDATE)
  const sent = req.headers['if-none-match']
  if (sent === undefined || !sent.split(',').some((tag) => tag.trim() === etag)) return false
  res.statusCode = 304
  res.end()
  return true
}
