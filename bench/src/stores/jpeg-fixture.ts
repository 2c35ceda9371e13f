/**
 * The JPEG files B2 ingests and the stored copies B5 scans: the pool images encoded once at
 * quality 90 by sharp (what a camera or an export script would hand us), then copied.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createDataset, read } from '@shoal/core'
import sharp from 'sharp'
import type { Profile } from '../profiles.js'
import type { Workspace } from '../workspace.js'
import { writeFlat } from './flat.js'
import { inputImages } from './image-fixture.js'

/** The tensor name JPEGs are stored under. */
export const JPEGS = 'images'

/** The JPEG files on disk, in sample order, with their total size. */
export interface JpegFiles {
  readonly paths: readonly string[]
  readonly bytes: number
}

/** Encodes the profile's images to JPEG files (pool images encoded once, then copied). */
export function jpegFiles(workspace: Workspace, profile: Profile): Promise<JpegFiles> {
  return workspace.fixture('jpeg-files', async (dir) => {
    const images = await inputImages(workspace, profile)
    const encoded = new Map<unknown, Uint8Array>()
    const paths: string[] = []
    let bytes = 0
    mkdirSync(dir, { recursive: true })
    for (let i = 0; i < Math.min(profile.jpegs, images.length); i++) {
      const image = images[i]!
      let file = encoded.get(image)
      if (!file) {
        const [height, width, channels] = image.shape as [number, number, 3]
        file = new Uint8Array(
          await sharp(image.data as Uint8Array, { raw: { width, height, channels } })
            .jpeg({ quality: 90 })
            .toBuffer(),
        )
        encoded.set(image, file)
      }
      const path = join(dir, `${String(i).padStart(6, '0')}.jpg`)
      writeFileSync(path, file)
      paths.push(path)
      bytes += file.byteLength
    }
    return { paths, bytes }
  })
}

/** Shoal: `read(path)` per file into an `image` tensor with jpeg sample compression, by batches. */
export async function writeShoalJpegs(path: string, files: readonly string[], batch: number): Promise<void> {
  const ds = await createDataset(path)
  const tensor = await ds.createTensor(JPEGS, { htype: 'image', sampleCompression: 'jpeg' })
  for (let start = 0; start < files.length; start += batch) {
    const samples = []
    for (const file of files.slice(start, start + batch)) samples.push(await read(file))
    await tensor.extend(samples)
  }
  await ds.flush()
  await ds.close()
}

/** raw-node: each file's bytes read and appended to one flat file; returns each file's size. */
export function writeFlatJpegs(
  path: string,
  files: readonly string[],
  readFile: (p: string) => Uint8Array,
): number[] {
  const sizes: number[] = []
  function* contents() {
    for (const file of files) {
      const bytes = readFile(file)
      sizes.push(bytes.byteLength)
      yield bytes
    }
  }
  writeFlat(path, contents())
  return sizes
}
