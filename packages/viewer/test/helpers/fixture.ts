/**
 * The dataset the tests view: 200×150 PNG images with annotations at known places, so pixel
 * colours on the page can be checked against where the annotations put them.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createDataset, read } from '@shoal/core'
import '@shoal/htype-image/register'
import '@shoal/htype-geometry/register'
import sharp from 'sharp'

export const WIDTH = 200
export const HEIGHT = 150

/** Where row 0's annotations are, in image pixels (left, top, right, bottom for boxes). */
export const ROW0 = {
  /** boxes_px: pixel LTWH [20, 30, 60, 40]. */
  boxPx: [20, 30, 80, 70] as const,
  /** boxes_frac: fractional CCWH [0.75, 0.5, 0.2, 0.4] on 200×150. */
  boxFrac: [130, 45, 170, 105] as const,
  /** keypoints: head (100, 20) and left hand (90, 60) visible; right hand (0, 0) has v = 0. */
  head: [100, 20] as const,
  leftHand: [90, 60] as const,
  /** polygons: a triangle. */
  triangle: [
    [20, 100],
    [70, 100],
    [45, 140],
  ] as const,
  /** mask: class 1 (road) in rows 110–149, columns 100–199; class 2 (tree) in rows 5–25, columns 150–190. */
  road: [100, 110, 200, 150] as const,
  tree: [150, 5, 191, 26] as const,
}

export const CLASS_NAMES = ['background', 'road', 'tree']
export const LABEL_NAMES = ['cat', 'dog']

/** A dark gradient picture, tinted per row so rows differ. */
export async function picture(row: number): Promise<Uint8Array> {
  const data = new Uint8Array(WIDTH * HEIGHT * 3)
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) {
      const at = (y * WIDTH + x) * 3
      data[at] = 30 + (((x * 60) / WIDTH + row * 7) % 60)
      data[at + 1] = 40 + (y * 50) / HEIGHT
      data[at + 2] = 60 + ((row * 13) % 50)
    }
  const png = await sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .png()
    .toBuffer()
  return new Uint8Array(png)
}

function mask(): Uint32Array {
  const data = new Uint32Array(WIDTH * HEIGHT)
  const fill = ([l, t, r, b]: readonly number[], id: number) => {
    for (let y = t!; y < b!; y++) for (let x = l!; x < r!; x++) data[y * WIDTH + x] = id
  }
  fill(ROW0.road, 1)
  fill(ROW0.tree, 2)
  return data
}

/**
 * Builds the fixture at `path` with `rows` rows: images, two bbox tensors in different coords,
 * keypoints with connections and an invisible point, polygons, a segment mask with class names,
 * class labels, text, json, an embedding and a 2-D float array. Every row carries row 0's
 * annotations, so every card is checkable.
 */
export async function buildFixture(path: string, rows = 30): Promise<{ pictures: Uint8Array[] }> {
  const ds = await createDataset(path, { overwrite: true })
  const images = await ds.createTensor('images', { htype: 'image', sampleCompression: 'png' })
  const boxesPx = await ds.createTensor('boxes_px', {
    htype: 'bbox',
    coords: { type: 'pixel', mode: 'LTWH' },
  })
  const boxesFrac = await ds.createTensor('boxes_frac', {
    htype: 'bbox',
    coords: { type: 'fractional', mode: 'CCWH' },
  })
  const keypoints = await ds.createTensor('keypoints', {
    htype: 'keypoints_coco',
    keypoints: ['head', 'left hand', 'right hand'],
    connections: [
      [0, 1],
      [0, 2],
    ],
  })
  const polygons = await ds.createTensor('polygons', { htype: 'polygon' })
  const masks = await ds.createTensor('masks', {
    htype: 'segment_mask',
    classNames: CLASS_NAMES,
    sampleCompression: 'lz4',
  })
  const labels = await ds.createTensor('labels', { htype: 'class_label', classNames: LABEL_NAMES })
  const captions = await ds.createTensor('captions', { htype: 'text' })
  const meta = await ds.createTensor('meta', { htype: 'json' })
  const embeddings = await ds.createTensor('embeddings', { htype: 'embedding', dtype: 'float32' })
  const depth = await ds.createTensor('depth', { dtype: 'float32' })

  const pictures: Uint8Array[] = []
  const maskData = mask()
  for (let row = 0; row < rows; row++) {
    const png = await picture(row)
    pictures.push(png)
    await images.append(await read(png, { name: `row${row}.png` }))
    await boxesPx.append([[20, 30, 60, 40]])
    await boxesFrac.append([[0.75, 0.5, 0.2, 0.4]])
    // (3 · K, objects): x, y, v rows per keypoint; one object.
    await keypoints.append([[100], [20], [2], [90], [60], [2], [0], [0], [0]])
    await polygons.append([ROW0.triangle.map((p) => [...p])])
    await masks.append({ shape: [HEIGHT, WIDTH], data: maskData })
    await labels.append([row % 2])
    await captions.append(`row ${row}: a <b>road</b> & a tree`)
    await meta.append({ row, source: 'fixture', tags: ['a', 'b'] })
    await embeddings.append(Float32Array.from({ length: 64 }, (_, i) => Math.sin(i / 5 + row)))
    await depth.append({ shape: [12, 16], data: Float32Array.from({ length: 192 }, (_, i) => i + row) })
  }
  await ds.close()
  return { pictures }
}

/** Overwrites `length` bytes at `offset` of the first occurrence of `needle` in one of a tensor's chunks. */
export async function corruptChunk(
  datasetPath: string,
  tensor: string,
  needle: Uint8Array,
  offset: number,
  length: number,
): Promise<void> {
  const folder = join(datasetPath, tensor, 'chunks')
  for (const name of await readdir(folder)) {
    const file = join(folder, name)
    const bytes = new Uint8Array(await readFile(file))
    const at = Buffer.from(bytes).indexOf(Buffer.from(needle))
    if (at < 0) continue
    bytes.fill(0xab, at + offset, at + offset + length)
    await writeFile(file, bytes)
    return
  }
  throw new Error(`no chunk of "${tensor}" holds the bytes to corrupt`)
}
