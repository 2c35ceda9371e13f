/**
 * The request handler: GET and HEAD only, a Host header naming this server (so a web page on
 * another origin cannot reach it through DNS rebinding), a canonical path matched against a
 * fixed table, and every failure answered as JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isShoalError } from '@shoal/core'
import type { Handler, ServerContext } from './context.js'
import { errorJson } from './error-json.js'
import { HttpError, notFound } from './http-error.js'
import { readQuery } from './params.js'
import { notModified, securityHeaders, sendBody, sendError } from './respond.js'
import { datasetRoute, rowsRoute, sampleRoute } from './routes/data.js'
import { fileRoute, waveformRoute } from './routes/files.js'
import { heatmapRoute, imageRoute, maskInfoRoute, maskPngRoute } from './routes/pictures.js'

const assetRoute: Handler = async (req, res, url, { assets }) => {
  readQuery(url, [])
  const asset = assets.get(url.pathname)!
  if (notModified(req, res, asset.etag)) return
  sendBody(req, res, 200, asset.type, asset.body)
}

const API: ReadonlyMap<string, Handler> = new Map([
  ['/api/dataset', datasetRoute],
  ['/api/rows', rowsRoute],
  ['/api/sample', sampleRoute],
  ['/api/image', imageRoute],
  ['/api/heatmap.png', heatmapRoute],
  ['/api/mask', maskInfoRoute],
  ['/api/mask.png', maskPngRoute],
  ['/api/file', fileRoute],
  ['/api/waveform', waveformRoute],
])

/** Host names (without port) a request may be addressed to; undefined accepts any (a wildcard bind). */
export type AllowedHosts = ReadonlySet<string> | undefined

/** The host name of a Host header: `[::1]:8080` → `[::1]`, `Example:80` → `example`. */
export function hostName(header: string): string {
  const name = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.replace(/:\d*$/, '')
  return name.toLowerCase()
}

/** Status for a typed error that escaped a route: missing data 404, bad input 400, else 500. */
function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status
  if (isShoalError(error, 'NOT_FOUND') || isShoalError(error, 'INDEX_OUT_OF_RANGE')) return 404
  if (isShoalError(error, 'INVALID_ARGUMENT')) return 400
  if (isShoalError(error, 'UNSUPPORTED')) return 415
  return 500
}

/** Where a request goes: its handler, or an HttpError to answer with. */
function route(
  req: IncomingMessage,
  context: ServerContext,
  allowed: AllowedHosts,
): { handler: Handler; url: URL } {
  const raw = req.url ?? ''
  const host = req.headers.host
  if (host === undefined) throw new HttpError(400, 'BAD_REQUEST', 'the request has no Host header')
  if (allowed && !allowed.has(hostName(host)))
    throw new HttpError(
      403,
      'FORBIDDEN',
      `this viewer does not answer requests addressed to "${hostName(host)}"`,
    )
  if (!raw.startsWith('/')) throw new HttpError(400, 'BAD_REQUEST', 'the request target must be a path')
  const url = new URL(raw, 'http://viewer.invalid')
  // A path the URL parser had to rewrite (`..`, `.`, `//`, backslashes) is refused, never resolved.
  const path = raw.split('?', 1)[0]!
  if (url.pathname !== path || url.host !== 'viewer.invalid' || path.includes('\\'))
    throw new HttpError(400, 'BAD_REQUEST', 'the path must be canonical (no "..", "." or "//" segments)')
  if (context.assets.has(url.pathname)) return { handler: assetRoute, url }
  const handler = API.get(url.pathname)
  if (!handler) throw notFound(`no such page: ${url.pathname}`)
  return { handler, url }
}

/** Creates the server's request listener. */
export function createHandler(context: ServerContext, allowed: AllowedHosts) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    securityHeaders(res)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      sendError(req, res, 405, {
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed: the viewer is read-only`,
      })
      return
    }
    let handled: Promise<void>
    try {
      const { handler, url } = route(req, context, allowed)
      handled = handler(req, res, url, context)
    } catch (error) {
      handled = Promise.reject(error)
    }
    handled.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      const json = error instanceof HttpError ? error.json : errorJson(error, context.scrub)
      sendError(req, res, statusOf(error), json)
    })
  }
}
