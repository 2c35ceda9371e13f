/**
 * Benchmark: how long the viewer takes to show the first page of a large dataset — from the
 * call to `startViewer` to the dataset summary, the first page of rows and the first picture.
 * A measurement, not a test: it asserts nothing.
 *
 *   node --conditions=@shoal/source --import tsx packages/viewer/bench/first-page.ts [--rows 100000] [--dir path]
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createDataset, read } from '@shoal/core'
import '@shoal/htype-image/register'
import '@shoal/htype-geometry/register'
import { startViewer } from '@shoal/viewer'
import sharp from 'sharp'

/** What one run measured, in milliseconds from the call to `startViewer`. */
export interface FirstPageTimes {
  readonly rows: number
  readonly pageSize: number
  /** `startViewer` resolved: dataset opened, server listening. */
  readonly listening: number
  /** `/api/dataset` answered. */
  readonly summary: number
  /** `/api/rows` of the first page answered. */
  readonly firstPage: number
  /** The first picture of the page answered. */
  readonly firstImage: number
  /** Every picture of the first page answered (the browser asks for them in parallel). */
  readonly allImages: number
  /** Then the last page of rows, alone (a jump to the end: no read of what lies between). */
  readonly lastPage: number
}

const BATCH = 2000

/**
 * Writes a dataset of `rows` rows at `path`: 48×32 PNG images (one file, stored `rows` times),
 * one box, one label and one caption per row — the shape of a detection dataset.
 */
export async function buildBenchDataset(path: string, rows = 100_000): Promise<void> {
  const pixels = Uint8Array.from({ length: 48 * 32 * 3 }, (_, i) => (i * 7) % 256)
  const png = new Uint8Array(
    await sharp(pixels, { raw: { width: 48, height: 32, channels: 3 } })
      .png()
      .toBuffer(),
  )
  const ds = await createDataset(path, { overwrite: true })
  const images = await ds.createTensor('images', { htype: 'image', sampleCompression: 'png' })
  const boxes = await ds.createTensor('boxes', { htype: 'bbox', coords: { type: 'pixel', mode: 'LTWH' } })
  const labels = await ds.createTensor('labels', { htype: 'class_label', classNames: ['a', 'b', 'c'] })
  const captions = await ds.createTensor('captions', { htype: 'text' })
  for (let start = 0; start < rows; start += BATCH) {
    const n = Math.min(BATCH, rows - start)
    const file = await read(png, { name: 'tile.png' })
    await images.extend(Array.from({ length: n }, () => file))
    await boxes.extend(Array.from({ length: n }, (_, k) => [[(start + k) % 20, 4, 16, 12]]))
    await labels.extend(Array.from({ length: n }, (_, k) => [(start + k) % 3]))
    await captions.extend(Array.from({ length: n }, (_, k) => `row ${start + k}`))
  }
  await ds.close()
}

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6

/** Starts a viewer on `path` and times the requests a browser makes to show the first page. */
export async function measureFirstPage(path: string, pageSize = 24): Promise<FirstPageTimes> {
  const start = process.hrtime.bigint()
  const viewer = await startViewer({ dataset: path })
  try {
    const listening = since(start)
    const summary = (await (await fetch(new URL('/api/dataset', viewer.url))).json()) as { rows: number }
    const summaryAt = since(start)
    const page = (await (await fetch(new URL(`/api/rows?start=0&count=${pageSize}`, viewer.url))).json()) as {
      rows: { cells: Record<string, { kind: string; src?: string }> }[]
    }
    const firstPage = since(start)
    const sources = page.rows.flatMap((row) =>
      Object.values(row.cells).flatMap((c) => (c.kind === 'image' && c.src ? [c.src] : [])),
    )
    let firstImage = Number.NaN
    await Promise.all(
      sources.map(async (src) => {
        const response = await fetch(new URL(src, viewer.url))
        await response.arrayBuffer()
        if (Number.isNaN(firstImage)) firstImage = since(start)
      }),
    )
    const allImages = since(start)
    const last = process.hrtime.bigint()
    await (
      await fetch(
        new URL(`/api/rows?start=${Math.max(0, summary.rows - pageSize)}&count=${pageSize}`, viewer.url),
      )
    ).json()
    const lastPage = since(last)
    return {
      rows: summary.rows,
      pageSize,
      listening,
      summary: summaryAt,
      firstPage,
      firstImage,
      allImages,
      lastPage,
    }
  } finally {
    await viewer.close()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '100000' }, dir: { type: 'string' } },
  })
  const rows = Number(values.rows)
  const scratch = values.dir ? undefined : await mkdtemp(join(tmpdir(), 'shoal-viewer-bench-'))
  const path = values.dir ?? join(scratch!, 'ds')
  try {
    if (!existsSync(join(path, 'dataset_meta.json'))) {
      const started = process.hrtime.bigint()
      await buildBenchDataset(path, rows)
      process.stderr.write(`built ${rows} rows in ${(since(started) / 1000).toFixed(1)} s\n`)
    }
    // The first run pays for cold files; the second is what a person opening it again sees.
    for (const run of ['cold', 'warm'])
      console.log(JSON.stringify({ run, ...(await measureFirstPage(path)) }))
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
