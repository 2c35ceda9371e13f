/** B1: ingest uint8 images with `extend` in batches, ending with `flush()`; no fsync in any arm. */
import { join } from 'node:path'
import type { ArmResult, BenchCase } from '../case.js'
import type { ImageArray } from '../data.js'
import { now, secondsSince } from '../measure.js'
import { storedBytes } from '../stores/disk.js'
import { inputImages } from '../stores/image-fixture.js'
import { writeFlatImages, writeShoalImages, writeZarrImages } from '../stores/images.js'

let images: ImageArray[] = []

function result(seconds: number, path: string): ArmResult {
  const bytes = images.reduce((sum, image) => sum + image.data.byteLength, 0)
  return { n: images.length, bytes, seconds, extra: { stored_bytes: storedBytes(path) } }
}

/** The B1 case. */
export const b1Ingest: BenchCase = {
  id: 'B1',
  group: 'B1',
  title: 'ingest uint8 images (extend by batch, flush)',
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
      await writeShoalImages(path, { images, batch: profile.imageBatch, probe })
      return result(secondsSince(start), path)
    },
    async 'raw-node'({ dir, probe, profile }) {
      const path = join(dir, 'flat.bin')
      const start = now()
      writeFlatImages(path, { images, batch: profile.imageBatch, probe })
      return result(secondsSince(start), path)
    },
    async zarrita({ dir, probe, profile }) {
      const path = join(dir, 'zarr')
      const start = now()
      await writeZarrImages(path, { images, batch: profile.imageBatch, probe })
      return result(secondsSince(start), path)
    },
  },
}
