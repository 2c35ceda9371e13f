/** Writing the uint8 image set (B1, B10, and the fixtures B4/B6/mem read) in each system. */
import { createDataset } from '@shoal/core'
import * as zarr from 'zarrita'
import type { ImageArray } from '../data.js'
import type { RssProbe } from '../measure.js'
import { writeFlat } from './flat.js'
import { createZarrArray, LZ4_CODECS, stridesOf, zarrChunkRows } from './zarr.js'

/** The tensor / array name images are stored under. */
export const IMAGES = 'images'

/** How to store a set of images. */
export interface ImageWrite {
  readonly images: readonly ImageArray[]
  /** Samples per `extend` / `set` call. */
  readonly batch: number
  readonly lz4?: boolean
  readonly probe?: RssProbe
}

/** Shoal: `createTensor`, `extend` by batches, `flush()`, `close()` (no fsync: see README). */
export async function writeShoalImages(path: string, write: ImageWrite): Promise<void> {
  const ds = await createDataset(path)
  const tensor = await ds.createTensor(
    IMAGES,
    write.lz4 ? { dtype: 'uint8', chunkCompression: 'lz4' } : { dtype: 'uint8' },
  )
  for (let start = 0; start < write.images.length; start += write.batch) {
    await tensor.extend(write.images.slice(start, start + write.batch))
    write.probe?.sample()
  }
  await ds.flush()
  await ds.close()
}

/** raw-node: the same bytes back to back in one file. */
export function writeFlatImages(path: string, write: ImageWrite): void {
  writeFlat(
    path,
    write.images.map((image) => image.data),
    write.probe,
  )
}

/** zarrita: an [N, H, W, C] array chunked along N, one `set` per batch. */
export async function writeZarrImages(dir: string, write: ImageWrite): Promise<void> {
  const first = write.images[0]!
  const sampleShape = [...first.shape]
  const sampleBytes = first.data.byteLength
  const arr = await createZarrArray(dir, IMAGES, {
    shape: [write.images.length, ...sampleShape],
    chunkRows: zarrChunkRows(write.batch, sampleBytes),
    dtype: 'uint8',
    ...(write.lz4 ? { codecs: LZ4_CODECS } : {}),
  })
  for (let start = 0; start < write.images.length; start += write.batch) {
    const batch = write.images.slice(start, start + write.batch)
    // zarrita takes one contiguous buffer per selection, so the batch is concatenated first.
    const data = new Uint8Array(batch.length * sampleBytes)
    for (const [i, image] of batch.entries()) data.set(image.data, i * sampleBytes)
    const shape = [batch.length, ...sampleShape]
    await zarr.set(arr, [zarr.slice(start, start + batch.length), null, null, null], {
      data,
      shape,
      stride: stridesOf(shape),
    })
    write.probe?.sample()
  }
}
