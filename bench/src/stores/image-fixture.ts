/** The stored image sets that read cases share, built once per run and kept until it ends. */
import { join } from 'node:path'
import type { System } from '../case.js'
import { type ImageArray, makeImages } from '../data.js'
import type { Profile } from '../profiles.js'
import type { Workspace } from '../workspace.js'
import { BLOCK_BYTES } from './flat.js'
import { writeFlatImages, writeShoalImages, writeZarrImages } from './images.js'
import { writeLz4Flat } from './lz4-flat.js'

/** Where each system's copy of an image set lives. */
export interface ImageStores {
  readonly shoal: string
  readonly flat: string
  readonly zarr: string
  readonly count: number
  readonly sampleBytes: number
  readonly batch: number
  /** Samples per read batch of Shoal's scans: as many as fill the raw arm's 8 MiB read block. */
  readonly readBatch: number
}

/** What to build: size multiple, lz4 or not, and which systems need a copy. */
export interface ImageFixtureOptions {
  readonly scale?: number
  readonly lz4?: boolean
  readonly systems?: readonly System[]
}

/** The input images of a profile (shared by ingest cases; image i cycles through the pool). */
export function inputImages(workspace: Workspace, profile: Profile, scale = 1): Promise<ImageArray[]> {
  return workspace.memo(`images-${profile.name}-${scale}`, async () =>
    makeImages(profile.images * scale, profile.imagePool, profile.imageShape),
  )
}

/** B1's images stored by every system asked for (all three by default). */
export function imageFixture(
  workspace: Workspace,
  profile: Profile,
  options: ImageFixtureOptions = {},
): Promise<ImageStores> {
  const { scale = 1, lz4 = false, systems = ['shoal', 'raw-node', 'zarrita'] } = options
  const key = `images-${scale}x${lz4 ? '-lz4' : ''}-${[...systems].sort().join('+')}`
  return workspace.fixture(key, async (dir) => {
    const images = await inputImages(workspace, profile, scale)
    const stores: ImageStores = {
      shoal: join(dir, 'shoal'),
      flat: join(dir, 'flat.bin'),
      zarr: join(dir, 'zarr'),
      count: images.length,
      sampleBytes: images[0]!.data.byteLength,
      batch: profile.imageBatch,
      readBatch: Math.max(1, Math.floor(BLOCK_BYTES / images[0]!.data.byteLength)),
    }
    const write = { images, batch: profile.imageBatch, lz4 }
    process.stderr.write(`  building fixture ${key}\n`)
    if (systems.includes('shoal')) await writeShoalImages(stores.shoal, write)
    if (systems.includes('raw-node')) {
      if (lz4)
        writeLz4Flat(
          stores.flat,
          images.map((image) => image.data),
        )
      else writeFlatImages(stores.flat, write)
    }
    if (systems.includes('zarrita')) await writeZarrImages(stores.zarr, write)
    return stores
  })
}
