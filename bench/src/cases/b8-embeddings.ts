/**
 * B8: float32 embeddings — ingest, full scan, random rows, and an exact top-10 dot-product search
 * over the scan, each against the same on a flat file (and zarrita).
 */
import { closeSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { openDataset } from '@shoal/core'
import * as zarr from 'zarrita'
import type { Arm, ArmResult, BenchCase } from '../case.js'
import { randomIndices } from '../checks.js'
import { makeEmbeddings } from '../data.js'
import { Latencies, now, type RssProbe, secondsSince } from '../measure.js'
import { storedBytes } from '../stores/disk.js'
import {
  EMBEDDINGS,
  type EmbeddingInput,
  type EmbeddingStores,
  embeddingFixture,
  inputEmbeddings,
  type RowVisitor,
  scanFlatEmbeddings,
  scanShoalEmbeddings,
  scanZarrEmbeddings,
  writeFlatEmbeddings,
  writeShoalEmbeddings,
  writeZarrEmbeddings,
} from '../stores/embeddings.js'
import { readFull } from '../stores/flat.js'
import { openZarrArray } from '../stores/zarr.js'
import { dot, TopK } from '../topk.js'

let input: EmbeddingInput | undefined
let stores: EmbeddingStores | undefined

const rowBytes = () => stores!.dim * 4

const storedSetup: BenchCase['setup'] = async ({ workspace, profile }) => {
  stores = await embeddingFixture(workspace, profile)
  return undefined
}

function ingestArm(write: (path: string, probe: RssProbe) => Promise<void> | void): Arm {
  return async ({ dir, probe }) => {
    const path = join(dir, 'store')
    const start = now()
    await write(path, probe)
    const seconds = secondsSince(start)
    return {
      n: input!.rows,
      bytes: input!.data.byteLength,
      seconds,
      extra: { stored_bytes: storedBytes(path) },
    }
  }
}

type Scanner = (visit: RowVisitor, probe: RssProbe, latencies: Latencies) => Promise<number> | number

const scanners: Record<'shoal' | 'raw-node' | 'zarrita', Scanner> = {
  shoal: (visit, probe, latencies) =>
    scanShoalEmbeddings(stores!.shoal, stores!.batch, visit, probe, latencies),
  'raw-node': (visit, probe) => scanFlatEmbeddings(stores!.flat, stores!.dim, visit, probe),
  zarrita: (visit, probe, latencies) =>
    scanZarrEmbeddings(stores!.zarr, stores!.batch, visit, probe, latencies),
}

/** A full scan that touches the first value of every row; `check` is their sum. */
function scanArm(scanner: Scanner): Arm {
  return async ({ probe }) => {
    const dim = stores!.dim
    const latencies = new Latencies()
    let check = 0
    const start = now()
    const n = await scanner(
      (_first, rows, count) => {
        for (let i = 0; i < count; i++) check += rows[i * dim]!
      },
      probe,
      latencies,
    )
    const seconds = secondsSince(start)
    return {
      n,
      bytes: n * rowBytes(),
      seconds,
      latencies: latencies.values,
      extra: { check: Number(check.toFixed(3)) },
    }
  }
}

/** Scan plus an exact dot product of every row with a seeded query, keeping the top 10. */
function searchArm(scanner: Scanner): Arm {
  return async ({ probe }) => {
    const query = makeEmbeddings(1, stores!.dim, 12345)
    const dim = stores!.dim
    const top = new TopK(10)
    const latencies = new Latencies()
    const start = now()
    const n = await scanner(
      (first, rows, count) => {
        for (let i = 0; i < count; i++) top.offer(first + i, dot(rows, i * dim, query))
      },
      probe,
      latencies,
    )
    const seconds = secondsSince(start)
    return { n, bytes: n * rowBytes(), seconds, extra: { top10: top.result().join(',') } }
  }
}

let rowsToRead: number[] = []

function randomResult(seconds: number, latencies: Latencies, check: number): ArmResult {
  const n = rowsToRead.length
  return {
    n,
    bytes: n * rowBytes(),
    seconds,
    latencies: latencies.values,
    extra: { check: Number(check.toFixed(3)) },
  }
}

/** B8's four cases. */
export const b8Embeddings: BenchCase[] = [
  {
    id: 'B8.ingest',
    group: 'B8',
    title: 'ingest float32 embeddings',
    settleWrites: true,
    async setup({ workspace, profile }) {
      input = await inputEmbeddings(workspace, profile)
      return undefined
    },
    async teardown() {
      input = undefined
    },
    arms: {
      shoal: ingestArm((path, probe) => writeShoalEmbeddings(path, input!, probe)),
      'raw-node': ingestArm((path, probe) => writeFlatEmbeddings(path, input!, probe)),
      zarrita: ingestArm((path, probe) => writeZarrEmbeddings(path, input!, probe)),
    },
  },
  {
    id: 'B8.scan',
    group: 'B8',
    title: 'scan embeddings (tensor.scan stacked batches)',
    latencyOf: 'batch',
    setup: storedSetup,
    arms: {
      shoal: scanArm(scanners.shoal),
      'raw-node': scanArm(scanners['raw-node']),
      zarrita: scanArm(scanners.zarrita),
    },
  },
  {
    id: 'B8.random',
    group: 'B8',
    title: 'random single-row reads of embeddings',
    latencyOf: 'sample',
    async setup(context) {
      await storedSetup(context)
      rowsToRead = randomIndices(context.profile.randomReads, stores!.rows, 77)
      return undefined
    },
    arms: {
      async shoal({ probe }) {
        const ds = await openDataset(stores!.shoal, { readOnly: true })
        const tensor = ds.tensor(EMBEDDINGS)
        const latencies = new Latencies()
        let check = 0
        const start = now()
        for (const row of rowsToRead) {
          latencies.start()
          const sample = (await tensor.get(row)) as { data: Float32Array }
          latencies.stop()
          check += sample.data[0]!
          probe.tick()
        }
        const seconds = secondsSince(start)
        await ds.close()
        return randomResult(seconds, latencies, check)
      },
      async 'raw-node'({ probe }) {
        const fd = openSync(stores!.flat, 'r')
        const latencies = new Latencies()
        let check = 0
        const start = now()
        for (const row of rowsToRead) {
          latencies.start()
          const bytes = new Uint8Array(rowBytes())
          readFull(fd, bytes, row * rowBytes())
          const sample = new Float32Array(bytes.buffer)
          latencies.stop()
          check += sample[0]!
          probe.tick()
        }
        const seconds = secondsSince(start)
        closeSync(fd)
        return randomResult(seconds, latencies, check)
      },
      async zarrita({ probe }) {
        const arr = await openZarrArray(stores!.zarr, EMBEDDINGS)
        const latencies = new Latencies()
        let check = 0
        const start = now()
        for (const row of rowsToRead) {
          latencies.start()
          const got = await zarr.get(arr, [row, null])
          latencies.stop()
          check += (got.data as Float32Array)[0]!
          probe.tick()
        }
        return randomResult(secondsSince(start), latencies, check)
      },
    },
  },
  {
    id: 'B8.search',
    group: 'B8',
    title: 'exact top-10 dot-product search over a full scan',
    setup: storedSetup,
    arms: {
      shoal: searchArm(scanners.shoal),
      'raw-node': searchArm(scanners['raw-node']),
      zarrita: searchArm(scanners.zarrita),
    },
  },
]
