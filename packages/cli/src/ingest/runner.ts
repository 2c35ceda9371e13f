import { type CreateTensorOptions, createDataset, type Dataset, openDataset } from '@shoal/core'
import { Progress } from './progress.js'

/** One row of an ingest: a value (or a promise-returning thunk) per tensor, and what to call it in errors. */
export interface Row {
  readonly label: string
  readonly values: Readonly<Record<string, unknown>>
}

/** What an ingest source provides. */
export interface Source {
  readonly tensors: readonly { name: string; options: CreateTensorOptions }[]
  /** Rows in a fixed order, so `--resume` can skip what is already stored. */
  readonly rows: readonly Row[]
}

export interface IngestOptions {
  readonly resume: boolean
  readonly batch: number
  readonly flushEvery: number
  readonly progress: 'tty' | 'lines' | 'off'
  readonly signal: AbortSignal
}

export interface IngestResult {
  readonly rows: number
  readonly added: number
  readonly stopped?: 'interrupted' | { readonly label: string; readonly error: unknown }
}

/** Resolves every thunk of a batch at once: sharp, ffmpeg and file reads overlap on libuv's pool. */
async function resolveValues(rows: readonly Row[], tensor: string): Promise<unknown[]> {
  return Promise.all(
    rows.map((row) => {
      const value = row.values[tensor]
      return typeof value === 'function' ? (value as () => Promise<unknown>)() : value
    }),
  )
}

/**
 * Appends rows batch by batch, flushing every `flushEvery` rows, and stops cleanly (flush, close)
 * on abort or on a bad row. Each tensor resumes from its own stored length, so an ingest killed
 * between two tensors' flushes completes without duplicates.
 */
export async function ingest(path: string, source: Source, options: IngestOptions): Promise<IngestResult> {
  const ds: Dataset = options.resume ? await openDataset(path) : await createDataset(path)
  const existing = new Set([...ds.tensorNames, ...ds.hiddenTensorNames])
  for (const { name, options: create } of source.tensors)
    if (!existing.has(name)) await ds.createTensor(name, create)
  const tensors = source.tensors.map(({ name }) => ds.tensor(name))
  const start = Math.min(...tensors.map((t) => t.length))
  const progress = new Progress(source.rows.length, options.progress)
  let added = 0
  let sinceFlush = 0
  let stopped: IngestResult['stopped']
  try {
    for (let first = start; first < source.rows.length && !stopped; first += options.batch) {
      if (options.signal.aborted) {
        stopped = 'interrupted'
        break
      }
      const rows = source.rows.slice(first, first + options.batch)
      for (const tensor of tensors) {
        const from = Math.max(0, tensor.length - first)
        if (from >= rows.length) continue
        const pending = rows.slice(from)
        let values: unknown[]
        try {
          values = await resolveValues(pending, tensor.name)
          await tensor.extend(values)
        } catch {
          // Find the bad row: append one at a time, so every good row before it is kept.
          for (const row of pending) {
            try {
              const [value] = await resolveValues([row], tensor.name)
              await tensor.append(value)
            } catch (error) {
              stopped = { label: row.label, error }
              break
            }
          }
          if (stopped) break
        }
      }
      if (stopped) break
      added += rows.length
      sinceFlush += rows.length
      if (sinceFlush >= options.flushEvery) {
        await ds.flush()
        sinceFlush = 0
      }
      progress.update(first + rows.length)
    }
  } finally {
    progress.end()
    await ds.close()
  }
  return { rows: source.rows.length, added, ...(stopped ? { stopped } : {}) }
}
