import { createServer, type IncomingMessage, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the proxy does with one request: forward it (after an optional delay), answer it, or drop it. */
export type FaultAction =
  | { readonly kind: 'forward'; readonly delayMs?: number }
  | {
      readonly kind: 'respond'
      readonly status: number
      readonly body?: string
      readonly headers?: Record<string, string>
    }
  | { readonly kind: 'reset' }

/** A request as the fault hook sees it. */
export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  /** Every request that reached the proxy, in arrival order. */
  readonly seen: SeenRequest[]
  /** Decides each request's fate; replace it between tests. Default: forward. */
  hook: (request: SeenRequest) => FaultAction
  close(): Promise<void>
}

/**
 * A real HTTP proxy on 127.0.0.1 in front of a protocol server. It forwards requests unchanged,
 * or injects latency, error responses (503 SlowDown, 403, 500) and connection resets, so retry and
 * error mapping are tested against real sockets rather than mocked clients.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  const seen: SeenRequest[] = []
  const proxy: FaultProxy = {
    url: '',
    seen,
    hook: () => ({ kind: 'forward' }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server: Server = createServer((req, res) => {
    const info: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }
    seen.push(info)
    const action = proxy.hook(info)
    if (action.kind === 'reset') {
      req.socket.destroy()
      return
    }
    if (action.kind === 'respond') {
      req.resume()
      req.on('end', () => {
        res.writeHead(action.status, { 'content-type': 'application/xml', ...action.headers })
        res.end(action.body ?? '')
      })
      return
    }
    const forward = () => {
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      out.on('error', () => req.socket.destroy())
      req.pipe(out)
    }
    if (action.delayMs) setTimeout(forward, action.delayMs)
    else forward()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  Object.assign(proxy, { url: `http://127.0.0.1:${port}` })
  return proxy
}

/** An S3-style XML error body. */
export function s3ErrorBody(code: string, message = code): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
}
