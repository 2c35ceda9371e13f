/** The sample a binary route is asked for: a known tensor, an index below its length, an item. */
import type { SampleValue } from '@shoal/core'
import type { CatalogEntry } from '../catalog.js'
import type { ServerContext } from '../context.js'
import { HttpError, notFound } from '../http-error.js'
import { indexParam, integerParam, readQuery } from '../params.js'

export interface Target {
  readonly entry: CatalogEntry
  readonly index: number
  /** An item of a sequence sample. */
  readonly item?: number
}

/**
 * Parses `?tensor=…&index=…[&item=…]`. `accepts` says whether the route serves this tensor at
 * all (415 otherwise: a text tensor has no picture).
 */
export function readTarget(
  url: URL,
  context: ServerContext,
  what: string,
  accepts: (entry: CatalogEntry) => boolean,
  items = false,
): Target {
  const query = readQuery(url, items ? ['tensor', 'index', 'item'] : ['tensor', 'index'])
  const entry = context.catalog.entry(query.tensor)
  const name = entry.tensor.name
  if (!accepts(entry))
    throw new HttpError(415, 'UNSUPPORTED', `tensor "${name}" (${entry.summary.htype}) has no ${what}`, {
      tensor: name,
    })
  const index = indexParam(query, entry.summary.length, name)
  if (query.item === undefined) return { entry, index }
  if (!entry.summary.isSequence)
    throw new HttpError(400, 'BAD_REQUEST', `tensor "${name}" is not a sequence; "item" does not apply`, {
      tensor: name,
      index,
    })
  return { entry, index, item: integerParam(query, 'item') }
}

/** The sample (or sequence item) a target names; 404 for an item past the sequence's end. */
export async function readTargetValue(target: Target): Promise<SampleValue> {
  const value = await target.entry.tensor.get(target.index)
  if (target.item === undefined) return value
  const items = value as SampleValue[]
  if (target.item >= items.length) {
    throw notFound(`sample ${target.index} of "${target.entry.tensor.name}" has no item ${target.item}`, {
      tensor: target.entry.tensor.name,
      index: target.index,
    })
  }
  return items[target.item]!
}

/** The ETag of a target's response from one route. */
export function etagOf(context: ServerContext, route: string, target: Target): string {
  return `"${context.etagPrefix}-${route}-${encodeURIComponent(target.entry.tensor.name)}-${target.index}${target.item === undefined ? '' : `-${target.item}`}"`
}
