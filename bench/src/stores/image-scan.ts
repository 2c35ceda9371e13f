/**
 * Full scans of a stored image set, one function per system and access pattern. Each returns the
 * sample count and a checksum of touched bytes, which must agree across systems.
 */
import { openDataset } from '@shoal/core'
import * as zarr from 'zarrita'
import { bytesOf, touch } from '../checks.js'
import type { Latencies, RssProbe } from '../measure.js'
import { readFlatBlocks } from './flat.js'
import { IMAGES } from './images.js'
import { openZarrArray } from './zarr.js'

/** What a scan saw. */
export interface ScanResult {
  readonly n: number
  readonly check: number
}

/** Shoal's numeric samples carry their data as a typed array. */
function sampleBytes(sample: unknown): Uint8Array {
  return bytesOf((sample as { data: ArrayBufferView }).data)
}

/** Shoal, `for await (const x of tensor)`. */
export async function scanShoalIterate(
  path: string,
  probe: RssProbe,
  tensorName = IMAGES,
): Promise<ScanResult> {
  const ds = await openDataset(path, { readOnly: true })
  let n = 0
  let check = 0
  for await (const sample of ds.tensor(tensorName)) {
    check += touch(sampleBytes(sample))
    n++
    probe.tick()
  }
  await ds.close()
  return { n, check }
}

/** Shoal, `getRange` by batches of `batch`. */
export async function scanShoalRange(
  path: string,
  batch: number,
  probe: RssProbe,
  tensorName = IMAGES,
  latencies?: Latencies,
): Promise<ScanResult> {
  const ds = await openDataset(path, { readOnly: true })
  const tensor = ds.tensor(tensorName)
  let check = 0
  for (let start = 0; start < tensor.length; start += batch) {
    latencies?.start()
    const samples = await tensor.getRange(start, start + batch)
    latencies?.stop()
    for (const sample of samples) check += touch(sampleBytes(sample))
    probe.sample()
  }
  const n = tensor.length
  await ds.close()
  return { n, check }
}

/**
 * Shoal, `tensor.scan({ batch })`: each step is one stacked `[n, H, W, C]` array in a buffer the
 * next step reuses, sliced into samples like the raw-node arm slices its blocks.
 */
export async function scanShoalStacked(
  path: string,
  batch: number,
  probe: RssProbe,
  tensorName = IMAGES,
  latencies?: Latencies,
): Promise<ScanResult> {
  const ds = await openDataset(path, { readOnly: true })
  const tensor = ds.tensor(tensorName)
  let check = 0
  latencies?.start()
  for await (const step of tensor.scan({ batch })) {
    latencies?.stop()
    const bytes = bytesOf(step.stacked!.data)
    const recordBytes = bytes.byteLength / (step.end - step.start)
    for (let at = 0; at < bytes.byteLength; at += recordBytes)
      check += touch(bytes.subarray(at, at + recordBytes))
    probe.sample()
    latencies?.start()
  }
  const n = tensor.length
  await ds.close()
  return { n, check }
}

/** Shoal, `get(i)` for every index in order. */
export async function scanShoalGet(
  path: string,
  probe: RssProbe,
  latencies?: Latencies,
): Promise<ScanResult> {
  const ds = await openDataset(path, { readOnly: true })
  const tensor = ds.tensor(IMAGES)
  let check = 0
  for (let index = 0; index < tensor.length; index++) {
    latencies?.start()
    const sample = await tensor.get(index)
    latencies?.stop()
    check += touch(sampleBytes(sample))
    probe.tick()
  }
  const n = tensor.length
  await ds.close()
  return { n, check }
}

/**
 * raw-node: the flat file read front to back in ~8 MB blocks, sliced into samples; `fresh` reads
 * each block into new memory, kept a while like a 32 MB chunk cache (see {@link readFlatBlocks}).
 */
export function scanFlat(path: string, recordBytes: number, probe: RssProbe, fresh = false): ScanResult {
  let n = 0
  let check = 0
  readFlatBlocks(
    path,
    recordBytes,
    (block) => {
      for (let at = 0; at < block.byteLength; at += recordBytes) {
        check += touch(block.subarray(at, at + recordBytes))
        n++
      }
      probe.sample()
    },
    fresh ? 32_000_000 : undefined,
  )
  return { n, check }
}

/** zarrita: `zarr.get` of `[slice(a, b), null, …]` by batches of `batch` rows. */
export async function scanZarrRange(
  dir: string,
  batch: number,
  probe: RssProbe,
  name = IMAGES,
  latencies?: Latencies,
): Promise<ScanResult> {
  const arr = await openZarrArray(dir, name)
  const rows = arr.shape[0]!
  const rest = arr.shape.slice(1).map(() => null)
  let check = 0
  for (let start = 0; start < rows; start += batch) {
    const stop = Math.min(rows, start + batch)
    latencies?.start()
    const got = await zarr.get(arr, [zarr.slice(start, stop), ...rest])
    latencies?.stop()
    const bytes = bytesOf(got.data as ArrayBufferView)
    const recordBytes = bytes.byteLength / (stop - start)
    for (let at = 0; at < bytes.byteLength; at += recordBytes)
      check += touch(bytes.subarray(at, at + recordBytes))
    probe.sample()
  }
  return { n: rows, check }
}

/**
 * zarrita: `zarr.get(arr, [i, null, …])` for indices 0 to `limit` (each reads and decodes its whole
 * chunk, so a full loop would take ~20 s per repetition at the small profile).
 */
export async function scanZarrGet(
  dir: string,
  probe: RssProbe,
  latencies?: Latencies,
  limit = Number.POSITIVE_INFINITY,
): Promise<ScanResult> {
  const arr = await openZarrArray(dir, IMAGES)
  const rows = Math.min(limit, arr.shape[0]!)
  let check = 0
  for (let index = 0; index < rows; index++) {
    latencies?.start()
    const got = await zarr.get(arr, [index, null, null, null])
    latencies?.stop()
    check += touch(bytesOf(got.data as ArrayBufferView))
    probe.tick()
  }
  return { n: rows, check }
}
