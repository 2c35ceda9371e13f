/**
 * B4: full scan of B1's images — Shoal by async iteration, by `getRange` batches, by `tensor.scan`
 * stacked batches and by a `get(i)` loop; raw-node reads the flat file sequentially; zarrita reads batch slices or single indices.
 * Shoal's batches hold as many samples as the raw arm's 8 MiB read block (42 of 256×256×3), so
 * both move the same bytes per step; zarrita reads whole chunks of the ingest batch (100 rows).
 */
import type { ArmContext, ArmResult, BenchCase } from '../case.js'
import { Latencies, now, secondsSince } from '../measure.js'
import { type ImageStores, imageFixture } from '../stores/image-fixture.js'
import {
  type ScanResult,
  scanFlat,
  scanShoalGet,
  scanShoalIterate,
  scanShoalRange,
  scanShoalStacked,
  scanZarrGet,
  scanZarrRange,
} from '../stores/image-scan.js'

let stores: ImageStores | undefined

/**
 * zarrita's per-index loop covers only the first 200 indices (5 chunks): without sharding every
 * `get` reads and decodes a whole ~10 MB chunk, so all 2,000 would cost ~19 s per repetition and
 * break the 5-minute budget. The ratio compares samples/s, so the shorter loop stays comparable.
 */
const ZARR_GET_LIMIT = 200

function result(seconds: number, scan: ScanResult, latencies?: Latencies): ArmResult {
  const bytes = scan.n * stores!.sampleBytes
  return {
    n: scan.n,
    bytes,
    seconds,
    ...(latencies ? { latencies: latencies.values } : {}),
    extra: { check: scan.check },
  }
}

const setup: BenchCase['setup'] = async ({ workspace, profile }) => {
  stores = await imageFixture(workspace, profile)
  return undefined
}

/** raw-node's side of every B4 case: the same sequential read. */
async function rawScan({ probe }: ArmContext): Promise<ArmResult> {
  const start = now()
  const scan = scanFlat(stores!.flat, stores!.sampleBytes, probe)
  return result(secondsSince(start), scan)
}

/** B4 by `for await`, by `getRange`, by `tensor.scan` and by `get(i)`. */
export const b4Scans: BenchCase[] = [
  {
    id: 'B4.iter',
    group: 'B4',
    title: 'scan images: for await vs sequential read',
    setup,
    arms: {
      async shoal({ probe }) {
        const start = now()
        const scan = await scanShoalIterate(stores!.shoal, probe)
        return result(secondsSince(start), scan)
      },
      'raw-node': rawScan,
      async zarrita({ probe }) {
        const start = now()
        const scan = await scanZarrRange(stores!.zarr, stores!.batch, probe)
        return result(secondsSince(start), scan)
      },
    },
  },
  {
    id: 'B4.range',
    group: 'B4',
    title: 'scan images: getRange batches vs sequential read',
    latencyOf: 'batch',
    setup,
    arms: {
      async shoal({ probe }) {
        const latencies = new Latencies()
        const start = now()
        const scan = await scanShoalRange(stores!.shoal, stores!.readBatch, probe, undefined, latencies)
        return result(secondsSince(start), scan, latencies)
      },
      'raw-node': rawScan,
      async zarrita({ probe }) {
        const latencies = new Latencies()
        const start = now()
        const scan = await scanZarrRange(stores!.zarr, stores!.batch, probe, undefined, latencies)
        return result(secondsSince(start), scan, latencies)
      },
    },
  },
  {
    id: 'B4.scan',
    group: 'B4',
    title: 'scan images: tensor.scan stacked batches vs sequential read',
    latencyOf: 'batch',
    setup,
    arms: {
      async shoal({ probe }) {
        const latencies = new Latencies()
        const start = now()
        const scan = await scanShoalStacked(stores!.shoal, stores!.readBatch, probe, undefined, latencies)
        return result(secondsSince(start), scan, latencies)
      },
      'raw-node': rawScan,
      async zarrita({ probe }) {
        const latencies = new Latencies()
        const start = now()
        const scan = await scanZarrRange(stores!.zarr, stores!.batch, probe, undefined, latencies)
        return result(secondsSince(start), scan, latencies)
      },
    },
  },
  {
    id: 'B4.get',
    group: 'B4',
    title: 'scan images: get(i) loop vs sequential read',
    latencyOf: 'sample',
    setup,
    arms: {
      async shoal({ probe }) {
        const latencies = new Latencies()
        const start = now()
        const scan = await scanShoalGet(stores!.shoal, probe, latencies)
        return result(secondsSince(start), scan, latencies)
      },
      async 'raw-node'(context) {
        const plain = await rawScan(context)
        // The floor of any reader whose samples outlive the next read: fresh memory per block.
        const start = now()
        scanFlat(stores!.flat, stores!.sampleBytes, context.probe, true)
        return {
          ...plain,
          extra: { ...plain.extra, fresh_memory_seconds: Number(secondsSince(start).toFixed(4)) },
        }
      },
      async zarrita({ probe }) {
        const latencies = new Latencies()
        const start = now()
        // The checksum covers fewer samples than the other arms': it is not comparable here.
        const scan = await scanZarrGet(stores!.zarr, probe, latencies, ZARR_GET_LIMIT)
        return result(secondsSince(start), scan, latencies)
      },
    },
  },
]
