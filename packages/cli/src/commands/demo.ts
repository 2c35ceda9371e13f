import { rm } from 'node:fs/promises'
import { createDataset, type NDArray } from '@shoal/core'
import type { Io } from '../report-error.js'
import { run as info } from './info.js'

const SIZE = 64
const CLASSES = ['square', 'disc'] as const

/** A small deterministic generator (xorshift32), so every demo writes the same dataset. */
function generator(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
}

/** One picture with 1–3 shapes on a gradient, its LTWH boxes and their class names. */
function picture(random: () => number) {
  const data = new Uint8Array(SIZE * SIZE * 3)
  for (let p = 0; p < SIZE * SIZE; p++) {
    data[p * 3] = 30 + (p % SIZE)
    data[p * 3 + 1] = 40
    data[p * 3 + 2] = 60 + Math.floor(p / SIZE)
  }
  const boxes: number[][] = []
  const labels: string[] = []
  const count = 1 + Math.floor(random() * 3)
  for (let k = 0; k < count; k++) {
    const kind = CLASSES[Math.floor(random() * CLASSES.length)]!
    const w = 10 + Math.floor(random() * 20)
    const x0 = Math.floor(random() * (SIZE - w))
    const y0 = Math.floor(random() * (SIZE - w))
    const colour = [200 + Math.floor(random() * 55), Math.floor(random() * 200), 40]
    for (let y = y0; y < y0 + w; y++)
      for (let x = x0; x < x0 + w; x++) {
        const r = w / 2
        const inside = kind === 'square' || (x - x0 - r + 0.5) ** 2 + (y - y0 - r + 0.5) ** 2 <= r * r
        if (inside) data.set(colour, (y * SIZE + x) * 3)
      }
    boxes.push([x0, y0, w, w])
    labels.push(kind)
  }
  const image: NDArray<'uint8'> = { dtype: 'uint8', shape: [SIZE, SIZE, 3], data }
  return { image, boxes, labels }
}

/** `shoal demo [dir]`: a synthetic detection dataset (images, boxes, labels, captions), then its info. */
export async function run(
  positionals: readonly string[],
  flags: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const dir = positionals[0] ?? 'shoal-demo'
  await rm(dir, { recursive: true, force: true })
  const ds = await createDataset(dir)
  const images = await ds.createTensor('images', { htype: 'image', sampleCompression: 'png' })
  const boxes = await ds.createTensor('boxes', { htype: 'bbox', coords: { type: 'pixel', mode: 'LTWH' } })
  const labels = await ds.createTensor('labels', { htype: 'class_label', classNames: [...CLASSES] })
  const captions = await ds.createTensor('captions', { htype: 'text' })
  const random = generator(7)
  for (let i = 0; i < 12; i++) {
    const { image, boxes: b, labels: l } = picture(random)
    await images.append(image)
    await boxes.append(b)
    await labels.append(l)
    await captions.append(`${l.length} shape${l.length > 1 ? 's' : ''}: ${l.join(', ')}`)
  }
  await ds.close()
  return info([dir], flags, io)
}
