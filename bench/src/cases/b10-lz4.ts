/**
 * B10: B1's images with lz4 chunk compression — ingest and getRange scan. raw-node runs lz4-napi
 * over chunks of the samples Shoal puts in one chunk; zarrita uses its `numcodecs.lz4` codec.
 */
import { join } from 'node:path'
import type { ArmResult, BenchCase } from '../case.js'
import { touch } from '../checks.js'
import type { ImageArray } from '../data.js'
import { now, secondsSince } from '../measure.js'
import { storedBytes } from '../stores/disk.js'
import { type ImageStores, imageFixture, inputImages } from '../stores/image-fixture.js'
import { scanShoalRange, scanZarrRange } from '../stores/image-scan.js'
import { writeShoalImages, writeZarrImages } from '../stores/images.js'
import { scanLz4Flat, writeLz4Flat } from '../stores/lz4-flat.js'

let images: ImageArray[] = []
let stores: ImageStores | undefined

function ingestResult(seconds: number, path: string): ArmResult {
  const bytes = images.reduce((sum, image) => sum + image.data.byteLength, 0)
  return { n: images.length, bytes, seconds, extra: { stored_bytes: storedBytes(path) } }
}

function scanResult(seconds: number, n: number, check: number): ArmResult {
  return { n, bytes: n * stores!.sampleBytes, seconds, extra: { check } }
}

/** B10 ingest and scan. */
export const b10Lz4: BenchCase[] = [
  {
    id: 'B10.ingest',
    group: 'B10',
    title: 'ingest images with lz4 chunk compression',
    settleWrites: true,
    async setup({ workspace, profile }) {
      images = await inputImages(workspace, profile)
      return undefined
    },
    async teardown() {
      images = []
    },
    arms: {
      async shoal({ dir, probe, profile }) {
        const path = join(dir, 'shoal')
        const start = now()
        await writeShoalImages(path, { images, batch: profile.imageBatch, lz4: true, probe })
        return ingestResult(secondsSince(start), path)
      },
      async 'raw-node'({ dir, probe }) {
        const path = join(dir, 'flat.lz4')
        const start = now()
        writeLz4Flat(
          path,
          images.map((image) => image.data),
          probe,
        )
        return ingestResult(secondsSince(start), dir)
      },
      async zarrita({ dir, probe, profile }) {
        const path = join(dir, 'zarr')
        const start = now()
        await writeZarrImages(path, { images, batch: profile.imageBatch, lz4: true, probe })
        return ingestResult(secondsSince(start), path)
      },
    },
  },
  {
    id: 'B10.scan',
    group: 'B10',
    title: 'scan lz4-compressed images (getRange batches)',
    async setup({ workspace, profile }) {
      stores = await imageFixture(workspace, profile, { lz4: true })
      return undefined
    },
    arms: {
      async shoal({ probe }) {
        const start = now()
        const scan = await scanShoalRange(stores!.shoal, stores!.batch, probe)
        return scanResult(secondsSince(start), scan.n, scan.check)
      },
      async 'raw-node'({ probe }) {
        let check = 0
        const start = now()
        const n = scanLz4Flat(
          stores!.flat,
          (sample) => {
            check += touch(sample)
          },
          probe,
        )
        return scanResult(secondsSince(start), n, check)
      },
      async zarrita({ probe }) {
        const start = now()
        const scan = await scanZarrRange(stores!.zarr, stores!.batch, probe)
        return scanResult(secondsSince(start), scan.n, scan.check)
      },
    },
  },
]
