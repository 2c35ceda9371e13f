import type { SampleValue } from '@shoal/core'
import type { Catalog, CatalogEntry } from '../catalog.js'
import type { Scrub } from '../error-json.js'

/** What building a cell needs besides the sample: where it is, how much to send, the catalog. */
export interface CellContext {
  readonly entry: CatalogEntry
  readonly index: number
  /** For items of a sequence: which item. */
  readonly item?: number
  /** True for the sample view (full text, every value); false for a grid page (small JSON). */
  readonly detail: boolean
  readonly catalog: Catalog
  readonly scrub: Scrub
}

/** The sample value, read once by the caller (in batches for a page) or on demand. */
export type ValueSource = () => Promise<SampleValue>

/** Size limits of the JSON per cell: a grid page stays small, the sample view shows everything. */
export const LIMITS = {
  grid: { text: 280, embedding: 96, values: 16, items: 6, listItems: 40 },
  detail: { text: 200_000, embedding: 4096, values: 65_536, items: 64, listItems: 10_000 },
} as const

/** Samples larger than this many elements get a shape, not stats (a summary must not read gigabytes). */
export const MAX_SUMMARY_ELEMENTS = 4_000_000

export function limitsOf(context: CellContext) {
  return context.detail ? LIMITS.detail : LIMITS.grid
}
