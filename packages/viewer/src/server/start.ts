/**
 * `startViewer`: opens a dataset read-only and serves the viewer's page and JSON API over
 * node:http, on 127.0.0.1 and a free port unless told otherwise.
 */
import '@shoal/htype-image/register'
import '@shoal/htype-geometry/register'
import '@shoal/htype-media/register'
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { openDataset, ShoalError } from '@shoal/core'
import { ChunkCache } from '@shoal/core/plugin'
import { loadAssets } from './assets.js'
import { Catalog } from './catalog.js'
import type { CachedMask, ServerContext } from './context.js'
import { makeScrub } from './error-json.js'
import { type AllowedHosts, createHandler } from './router.js'

/** Options of {@link startViewer}. */
export interface ViewerOptions {
  /** The dataset: a local path, `file://…`, `memory://…`, or a URL of a registered storage scheme. */
  readonly dataset: string
  /** The port to listen on; default 0, a free port the system picks. */
  readonly port?: number
  /**
   * The address to listen on; default `127.0.0.1`, reachable from this machine only. Any other
   * address exposes the dataset to the network: the CLI warns when it is given.
   */
  readonly host?: string
  /** Credentials for the dataset's own storage (an object store). Kept in this process only. */
  readonly creds?: Readonly<Record<string, unknown>>
  /** Credentials for link tensors, by creds key (`ds.populateCreds`). Kept in this process only. */
  readonly linkCreds?: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  /** A branch name or commit id; default the head of `main`. */
  readonly version?: string
  /** The folder relative link paths resolve against (default: the working directory). */
  readonly linkBase?: string
  /** More host names the Host header may carry (for a reverse proxy or a name in /etc/hosts). */
  readonly allowedHosts?: readonly string[]
}

/** A running viewer. */
export interface Viewer {
  /** The page's address, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string
  /** Stops listening, ends open connections and closes the dataset. */
  close(): Promise<void>
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]'])

/** The dataset as the page names it: no credentials, query or fragment of a URL. */
export function displayName(dataset: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(dataset)) return dataset
  try {
    const url = new URL(dataset)
    return `${url.protocol}//${url.host}${url.pathname}`
  } catch {
    return dataset.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/, '')
  }
}

const bracketed = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)

function allowedHostsFor(host: string, extra: readonly string[]): AllowedHosts {
  if (WILDCARDS.has(host)) return undefined
  return new Set([...LOOPBACK_NAMES, bracketed(host).toLowerCase(), ...extra.map((h) => h.toLowerCase())])
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ShoalError('INVALID_ARGUMENT', `port ${port} is not a port number`, {
      expected: '0 to 65535 (0: any free port)',
    })
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message
      reject(
        new ShoalError('INVALID_ARGUMENT', `the viewer cannot listen on ${host}:${port}: ${reason}`, {
          cause: error,
        }),
      )
    }
    server.once('error', failed)
    server.listen(port, host, () => {
      server.off('error', failed)
      resolve(server.address() as AddressInfo)
    })
  })
}

/**
 * Opens `options.dataset` read-only and starts the viewer. Resolves once the server listens;
 * nothing but metadata is read before that.
 */
export async function startViewer(options: ViewerOptions): Promise<Viewer> {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 0
  checkPort(port)
  const assets = loadAssets()
  const dataset = await openDataset(options.dataset, {
    readOnly: true,
    ...(options.creds ? { creds: { ...options.creds } } : {}),
    ...(options.version ? { version: options.version } : {}),
    ...(options.linkBase ? { linkBase: options.linkBase } : {}),
  })
  let server: Server | undefined
  try {
    for (const [key, creds] of Object.entries(options.linkCreds ?? {}))
      dataset.populateCreds(key, { ...creds })
    const context: ServerContext = {
      catalog: new Catalog(dataset, displayName(options.dataset)),
      assets,
      scrub: makeScrub(options.creds, options.linkCreds),
      etagPrefix: `${dataset.version.slice(0, 12)}-${randomBytes(4).toString('hex')}`,
      masks: new ChunkCache<CachedMask>(64_000_000),
      files: new ChunkCache<Uint8Array>(128_000_000),
    }
    server = createServer(createHandler(context, allowedHostsFor(host, options.allowedHosts ?? [])))
    const address = await listen(server, port, host)
    const shownHost = WILDCARDS.has(host)
      ? address.family === 'IPv6'
        ? '[::1]'
        : '127.0.0.1'
      : bracketed(host)
    const running = server
    let closing: Promise<void> | undefined
    return {
      url: `http://${shownHost}:${address.port}/`,
      close() {
        closing ??= new Promise<void>((resolve) => {
          running.close(() => resolve())
          running.closeAllConnections()
        }).then(() => dataset.close())
        return closing
      },
    }
  } catch (error) {
    server?.close()
    await dataset.close()
    throw error
  }
}
