import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { NDArray } from '@shoal/core'
import sharp from 'sharp'

export const FIXTURES = fileURLToPath(
  new URL('../../../../../shared/fixtures/deeplake-3.9.52', import.meta.url),
)

const temps: string[] = []

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shoal-image-'))
  temps.push(dir)
  return dir
}

export async function cleanTemps(): Promise<void> {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true })
}

/** Every file under `dir` with a hash of its bytes, to prove a refused append changed nothing. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at)) {
      const path = join(at, entry)
      if ((await stat(path)).isDirectory()) await walk(path)
      else
        out[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex')
    }
  }
  await walk(dir)
  return out
}

/** A deterministic test picture: smooth gradients, so lossy formats stay close to it. */
export function gradient(height: number, width: number, channels: number): NDArray<'uint8'> {
  const data = new Uint8Array(height * width * channels)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++)
        data[(y * width + x) * channels + c] =
          c === 3
            ? 255 - ((x * 7) % 64)
            : (x * 255) / Math.max(1, width - 1) / (c + 1) + (y * 40) / Math.max(1, height)
  return { dtype: 'uint8', shape: channels === 1 ? [height, width] : [height, width, channels], data }
}

/** The largest absolute difference between two pixel arrays of the same length. */
export function maxDiff(a: NDArray, b: NDArray): number {
  const x = a.data as ArrayLike<number>
  const y = b.data as ArrayLike<number>
  if (x.length !== y.length) return Number.POSITIVE_INFINITY
  let max = 0
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!))
  return max
}

/** Encodes an array with sharp directly, as a user's image file would be made. */
export async function encodeWithSharp(
  image: NDArray<'uint8'>,
  format: 'jpeg' | 'png' | 'webp',
  options: { exif?: Record<string, string> } = {},
): Promise<Uint8Array> {
  const [height, width] = image.shape as [number, number]
  const channels = (image.shape[2] ?? 1) as 1 | 2 | 3 | 4
  let pipeline = sharp(image.data, { raw: { width, height, channels } })
  if (channels <= 2) pipeline = pipeline.toColourspace('b-w')
  if (options.exif) pipeline = pipeline.withExif({ IFD0: options.exif })
  return new Uint8Array(await pipeline.toFormat(format).toBuffer())
}

/** The mean absolute difference: lossy formats on tiny, colourful images have a few far pixels. */
export function meanDiff(a: NDArray, b: NDArray): number {
  const x = a.data as ArrayLike<number>
  const y = b.data as ArrayLike<number>
  if (x.length !== y.length) return Number.POSITIVE_INFINITY
  let sum = 0
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!)
  return x.length === 0 ? 0 : sum / x.length
}
