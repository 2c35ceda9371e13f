import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ChunkCache } from '@shoal/core/plugin'
import type { MaskInfo } from '../shared/protocol.js'
import type { Assets } from './assets.js'
import type { Catalog } from './catalog.js'
import type { Scrub } from './error-json.js'

/** A mask painted once and kept for both its PNG and its JSON. */
export interface CachedMask {
  readonly png: Uint8Array
  readonly info: MaskInfo
}

/** Everything a route handler needs, created once per server. */
export interface ServerContext {
  readonly catalog: Catalog
  readonly assets: Assets
  readonly scrub: Scrub
  /** Prefix of every ETag: changes with the dataset version and with each server start. */
  readonly etagPrefix: string
  readonly masks: ChunkCache<CachedMask>
  readonly files: ChunkCache<Uint8Array>
}

/** A route: answers a parsed request (the method is already GET or HEAD). */
export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: ServerContext,
) => Promise<void>
