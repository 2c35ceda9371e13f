/**
 * A page of rows and a single sample, as JSON. A page reads each small-valued tensor once for the
 * whole range (one `getRange`), and only metadata for pictures and files; the dataset is never
 * read beyond the page.
 */
import type { SampleValue, Tensor } from '@shoal/core'
import type { Cell, Row, RowsResponse, SampleResponse } from '../shared/protocol.js'
import type { Catalog, CatalogEntry } from './catalog.js'
import type { ValueSource } from './cells/context.js'
import { buildCell, readsInBatch } from './cells/index.js'
import type { Scrub } from './error-json.js'

/**
 * Sources of samples `start` to `end`: one batched read, or — when a sample of the batch is
 * corrupt — one read per sample, so only the broken ones fail.
 */
async function batchSources(tensor: Tensor, start: number, end: number): Promise<ValueSource[]> {
  try {
    const values = await tensor.getRange(start, end)
    return values.map((value) => () => Promise.resolve(value))
  } catch {
    const sources: ValueSource[] = []
    for (let index = start; index < end; index++) {
      const settled = await tensor.get(index).then(
        (value): { value: SampleValue } => ({ value }),
        (error: unknown) => ({ error }),
      )
      sources.push(() =>
        'error' in settled ? Promise.reject(settled.error) : Promise.resolve(settled.value),
      )
    }
    return sources
  }
}

async function tensorCells(
  catalog: Catalog,
  entry: CatalogEntry,
  start: number,
  end: number,
  scrub: Scrub,
): Promise<Cell[]> {
  const stop = Math.min(end, entry.summary.length)
  if (start >= stop) return []
  const batch = readsInBatch(entry.summary) ? await batchSources(entry.tensor, start, stop) : undefined
  const cells: Cell[] = []
  for (let index = start; index < stop; index++) {
    const read = batch?.[index - start] ?? (() => entry.tensor.get(index))
    cells.push(await buildCell({ entry, index, detail: false, catalog, scrub }, read))
  }
  return cells
}

/** Rows `start` to `start + count` (clipped to the dataset), each with a cell per tensor long enough. */
export async function buildRows(
  catalog: Catalog,
  start: number,
  count: number,
  scrub: Scrub,
): Promise<RowsResponse> {
  const end = Math.min(start + count, catalog.summary.rows)
  const entries = catalog.tensors
  const perTensor = await Promise.all(entries.map((entry) => tensorCells(catalog, entry, start, end, scrub)))
  const rows: Row[] = []
  for (let index = start; index < end; index++) {
    const cells: Record<string, Cell> = {}
    entries.forEach((entry, t) => {
      const cell = perTensor[t]![index - start]
      if (cell) cells[entry.tensor.name] = cell
    })
    rows.push({ index, cells })
  }
  return { start, rows }
}

/** Every tensor at `index`, with full text and every value (for the sample view). */
export async function buildSample(catalog: Catalog, index: number, scrub: Scrub): Promise<SampleResponse> {
  const cells: Record<string, Cell> = {}
  const present = catalog.tensors.filter((entry) => index < entry.summary.length)
  const built = await Promise.all(
    present.map((entry) =>
      buildCell({ entry, index, detail: true, catalog, scrub }, () => entry.tensor.get(index)),
    ),
  )
  present.forEach((entry, k) => {
    cells[entry.tensor.name] = built[k]!
  })
  return { index, cells }
}
