/**
 * Deterministic benchmark data from a seeded PRNG: nothing is downloaded, and every run of a
 * profile produces the same bytes.
 */

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A uint8 image as core's NDArray shape: `{ dtype, shape, data }`. */
export interface ImageArray {
  readonly dtype: 'uint8'
  readonly shape: readonly number[]
  readonly data: Uint8Array
}

const TILE = 8

/**
 * A smooth-ish image: 8×8 tiles whose colour follows a random gradient, a third of them noisy.
 * Flat tiles give lz4 runs to find; noisy tiles keep the ratio realistic (roughly 0.4–0.6).
 */
export function makeImage(seed: number, shape: readonly [number, number, number]): ImageArray {
  const [height, width, channels] = shape
  const rng = mulberry32(seed)
  const data = new Uint8Array(height * width * channels)
  const base = Array.from({ length: channels }, () => rng() * 255)
  const slopeX = Array.from({ length: channels }, () => (rng() - 0.5) * 4)
  const slopeY = Array.from({ length: channels }, () => (rng() - 0.5) * 4)
  const tileColour = new Float64Array(channels)
  for (let ty = 0; ty < height; ty += TILE) {
    for (let tx = 0; tx < width; tx += TILE) {
      for (let c = 0; c < channels; c++) tileColour[c] = base[c]! + slopeX[c]! * tx + slopeY[c]! * ty
      const noisy = rng() < 0.33
      for (let y = ty; y < Math.min(ty + TILE, height); y++) {
        let at = (y * width + tx) * channels
        for (let x = tx; x < Math.min(tx + TILE, width); x++) {
          for (let c = 0; c < channels; c++) {
            const v = tileColour[c]! + (noisy ? rng() * 24 : 0)
            // Fold out-of-range values back so the gradient wraps instead of saturating.
            data[at++] = Math.abs(Math.round(v)) % 256
          }
        }
      }
    }
  }
  return { dtype: 'uint8', shape: [height, width, channels], data }
}

/** `count` images cycling through `pool` distinct generated ones (the pool is built once). */
export function makeImages(
  count: number,
  pool: number,
  shape: readonly [number, number, number],
): ImageArray[] {
  const distinct = Array.from({ length: Math.min(pool, count) }, (_, i) => makeImage(1000 + i, shape))
  return Array.from({ length: count }, (_, i) => distinct[i % distinct.length]!)
}

/** `rows` × `dim` float32 values uniform in [-1, 1), row-major. */
export function makeEmbeddings(rows: number, dim: number, seed = 7): Float32Array {
  const rng = mulberry32(seed)
  const out = new Float32Array(rows * dim)
  for (let i = 0; i < out.length; i++) out[i] = rng() * 2 - 1
  return out
}

const WORDS = (
  'a an the small large red blue green dark bright old young happy quiet busy wooden metal glass ' +
  'dog cat bird horse child woman man car bus bike tree house street river beach mountain field ' +
  'table chair window door road bridge boat train plane flower garden kitchen market park city ' +
  'sits stands runs walks looks holds carries plays rides waits near under over beside behind ' +
  'with on in at of and while during after before sunny rainy morning evening night'
).split(' ')

/** `count` captions of 6–16 words (ASCII, with an occasional non-ASCII word for realism). */
export function makeCaptions(count: number, seed = 11): string[] {
  const rng = mulberry32(seed)
  const out = new Array<string>(count)
  for (let i = 0; i < count; i++) {
    const words = 6 + Math.floor(rng() * 11)
    const parts = new Array<string>(words)
    for (let w = 0; w < words; w++) parts[w] = WORDS[Math.floor(rng() * WORDS.length)]!
    if (rng() < 0.05) parts.push('café')
    out[i] = parts.join(' ')
  }
  return out
}

/** A small JSON object like per-sample metadata. */
export interface MetaObject {
  readonly id: number
  readonly label: string
  readonly score: number
  readonly bbox: number[]
  readonly tags: string[]
  readonly verified: boolean
}

/** `count` small JSON objects (about 100 bytes each when stringified). */
export function makeObjects(count: number, seed = 13): MetaObject[] {
  const rng = mulberry32(seed)
  const pick = () => WORDS[Math.floor(rng() * WORDS.length)]!
  const out = new Array<MetaObject>(count)
  for (let i = 0; i < count; i++) {
    out[i] = {
      id: i,
      label: pick(),
      score: Math.round(rng() * 1e4) / 1e4,
      bbox: [0, 1, 2, 3].map(() => Math.floor(rng() * 512)),
      tags: Array.from({ length: Math.floor(rng() * 4) }, pick),
      verified: rng() < 0.5,
    }
  }
  return out
}
