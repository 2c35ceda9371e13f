/** Writing and scanning B8's float32 embeddings in each system, and the fixture read cases share. */
import { join } from 'node:path'
import { createDataset, openDataset } from '@shoal/core'
import * as zarr from 'zarrita'
import { makeEmbeddings } from '../data.js'
import type { Latencies, RssProbe } from '../measure.js'
import type { Profile } from '../profiles.js'
import type { Workspace } from '../workspace.js'
import { readFlatBlocks, writeFlat } from './flat.js'
import { createZarrArray, openZarrArray, zarrChunkRows } from './zarr.js'

/** The tensor / array name embeddings are stored under. */
export const EMBEDDINGS = 'embeddings'

/** Row-major embeddings and their dimension. */
export interface EmbeddingInput {
  readonly data: Float32Array
  readonly dim: number
  readonly rows: number
  readonly batch: number
}

/** The profile's embeddings (memoised for the run's B8 cases). */
export function inputEmbeddings(workspace: Workspace, profile: Profile, scale = 1): Promise<EmbeddingInput> {
  return workspace.memo(`embeddings-${profile.name}-${scale}`, async () => ({
    data: makeEmbeddings(profile.embeddings * scale, profile.embeddingDim),
    dim: profile.embeddingDim,
    rows: profile.embeddings * scale,
    batch: profile.embeddingBatch,
  }))
}

/** Shoal: an `embedding` tensor, `extend` by batches of `(dim,)` float32 NDArrays, `flush()`. */
export async function writeShoalEmbeddings(
  path: string,
  input: EmbeddingInput,
  probe?: RssProbe,
): Promise<void> {
  const ds = await createDataset(path)
  const tensor = await ds.createTensor(EMBEDDINGS, { htype: 'embedding', dtype: 'float32' })
  const { data, dim } = input
  for (let start = 0; start < input.rows; start += input.batch) {
    const stop = Math.min(input.rows, start + input.batch)
    const batch = new Array<{ dtype: 'float32'; shape: number[]; data: Float32Array }>(stop - start)
    for (let row = start; row < stop; row++) {
      batch[row - start] = { dtype: 'float32', shape: [dim], data: data.subarray(row * dim, (row + 1) * dim) }
    }
    await tensor.extend(batch)
    probe?.sample()
  }
  await ds.flush()
  await ds.close()
}

/** raw-node: the float32 rows back to back in one file, written batch by batch. */
export function writeFlatEmbeddings(path: string, input: EmbeddingInput, probe?: RssProbe): void {
  const { data, dim } = input
  function* batches() {
    for (let start = 0; start < input.rows; start += input.batch) {
      const stop = Math.min(input.rows, start + input.batch)
      yield new Uint8Array(data.buffer, data.byteOffset + start * dim * 4, (stop - start) * dim * 4)
    }
  }
  writeFlat(path, batches(), probe)
}

/** zarrita: an [N, dim] float32 array chunked by the ingest batch, one `set` per batch. */
export async function writeZarrEmbeddings(
  dir: string,
  input: EmbeddingInput,
  probe?: RssProbe,
): Promise<void> {
  const { data, dim } = input
  const arr = await createZarrArray(dir, EMBEDDINGS, {
    shape: [input.rows, dim],
    chunkRows: zarrChunkRows(input.batch, dim * 4),
    dtype: 'float32',
  })
  for (let start = 0; start < input.rows; start += input.batch) {
    const stop = Math.min(input.rows, start + input.batch)
    await zarr.set(arr, [zarr.slice(start, stop), null], {
      data: data.subarray(start * dim, stop * dim),
      shape: [stop - start, dim],
      stride: [dim, 1],
    })
    probe?.sample()
  }
}

/** Where each system's copy of the embeddings lives. */
export interface EmbeddingStores {
  readonly shoal: string
  readonly flat: string
  readonly zarr: string
  readonly rows: number
  readonly dim: number
  readonly batch: number
}

/** The embeddings stored by the systems asked for (all three by default), once per run. */
export function embeddingFixture(
  workspace: Workspace,
  profile: Profile,
  options: { scale?: number; systems?: readonly string[] } = {},
): Promise<EmbeddingStores> {
  const { scale = 1, systems = ['shoal', 'raw-node', 'zarrita'] } = options
  const key = `embeddings-${scale}x-${[...systems].sort().join('+')}`
  return workspace.fixture(key, async (dir) => {
    const input = await inputEmbeddings(workspace, profile, scale)
    process.stderr.write(`  building fixture ${key}\n`)
    const stores = {
      shoal: join(dir, 'shoal'),
      flat: join(dir, 'flat.f32'),
      zarr: join(dir, 'zarr'),
      rows: input.rows,
      dim: input.dim,
      batch: input.batch,
    }
    if (systems.includes('shoal')) await writeShoalEmbeddings(stores.shoal, input)
    if (systems.includes('raw-node')) writeFlatEmbeddings(stores.flat, input)
    if (systems.includes('zarrita')) await writeZarrEmbeddings(stores.zarr, input)
    return stores
  })
}

/** Called with a block of consecutive rows: `rows` holds `count` rows of `dim` floats from row `first`. */
export type RowVisitor = (first: number, rows: Float32Array, count: number) => void

/**
 * Shoal: `tensor.scan({ batch })`; each step is one stacked `[n, dim]` block (a buffer reused by
 * the next step), visited whole like the other arms' blocks.
 */
export async function scanShoalEmbeddings(
  path: string,
  batch: number,
  visit: RowVisitor,
  probe: RssProbe,
  latencies?: Latencies,
): Promise<number> {
  const ds = await openDataset(path, { readOnly: true })
  const tensor = ds.tensor(EMBEDDINGS)
  latencies?.start()
  for await (const step of tensor.scan({ batch })) {
    latencies?.stop()
    visit(step.start, step.stacked!.data as Float32Array, step.end - step.start)
    probe.sample()
    latencies?.start()
  }
  const n = tensor.length
  await ds.close()
  return n
}

/** raw-node: the flat file read in ~8 MB blocks, viewed as float32 rows. */
export function scanFlatEmbeddings(path: string, dim: number, visit: RowVisitor, probe: RssProbe): number {
  let row = 0
  readFlatBlocks(path, dim * 4, (block) => {
    const count = block.byteLength / (dim * 4)
    visit(row, new Float32Array(block.buffer, block.byteOffset, count * dim), count)
    row += count
    probe.sample()
  })
  return row
}

/** zarrita: `zarr.get` of row slices, `batch` rows at a time. */
export async function scanZarrEmbeddings(
  dir: string,
  batch: number,
  visit: RowVisitor,
  probe: RssProbe,
  latencies?: Latencies,
): Promise<number> {
  const arr = await openZarrArray(dir, EMBEDDINGS)
  const rows = arr.shape[0]!
  for (let start = 0; start < rows; start += batch) {
    const stop = Math.min(rows, start + batch)
    latencies?.start()
    const got = await zarr.get(arr, [zarr.slice(start, stop), null])
    latencies?.stop()
    visit(start, got.data as Float32Array, stop - start)
    probe.sample()
  }
  return rows
}
