import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type NDArray, read } from '@shoal/core'
import { decodeRleString, fillPolygons, fillRle } from './masks.js'
import type { Row, Source } from './runner.js'

interface CocoImage {
  id: number
  file_name: string
  width: number
  height: number
}
interface CocoAnnotation {
  image_id: number
  category_id: number
  bbox?: number[]
  keypoints?: number[]
  segmentation?: number[][] | { counts: number[] | string; size: [number, number] }
}
interface CocoCategory {
  id: number
  name: string
  keypoints?: string[]
  skeleton?: number[][]
}

/** The (H, W, objects) binary mask of an image's annotations, or undefined when none has a segmentation. */
function masksOf(image: CocoImage, annotations: readonly CocoAnnotation[]): NDArray<'bool'> | undefined {
  const withMasks = annotations.filter((a) => a.segmentation)
  if (withMasks.length === 0)
    return { dtype: 'bool', shape: [image.height, image.width, 0], data: new Uint8Array(0) }
  const objects = annotations.length
  const data = new Uint8Array(image.height * image.width * objects)
  annotations.forEach((a, k) => {
    const s = a.segmentation
    if (!s) return
    if (Array.isArray(s)) fillPolygons(s, image.height, image.width, data, objects, k)
    else {
      const counts = typeof s.counts === 'string' ? decodeRleString(s.counts) : s.counts
      fillRle(counts, image.height, image.width, data, objects, k)
    }
  })
  return { dtype: 'bool', shape: [image.height, image.width, objects], data }
}

/**
 * A COCO annotation file: one row per image with its file (kept as it is when its format is the
 * sample compression), boxes (pixel LTWH), categories, keypoints with the category's names and
 * skeleton, masks from polygons or RLE, and the annotations as JSON when asked.
 */
export async function cocoSource(
  annotationsFile: string,
  imagesDir: string,
  sampleCompression: string,
  keepAnnotations: boolean,
): Promise<Source> {
  const coco = JSON.parse(await readFile(annotationsFile, 'utf8')) as {
    images: CocoImage[]
    annotations: CocoAnnotation[]
    categories: CocoCategory[]
  }
  const names = coco.categories.map((c) => c.name)
  const categoryName = new Map(coco.categories.map((c) => [c.id, c.name]))
  const withKeypoints = coco.categories.find((c) => c.keypoints && c.keypoints.length > 0)
  const keypointCount = withKeypoints?.keypoints?.length ?? 0
  const hasMasks = coco.annotations.some((a) => a.segmentation)
  const byImage = new Map<number, CocoAnnotation[]>()
  for (const a of coco.annotations) byImage.set(a.image_id, [...(byImage.get(a.image_id) ?? []), a])

  const tensors: Source['tensors'][number][] = [
    { name: 'images', options: { htype: 'image', sampleCompression } },
    { name: 'boxes', options: { htype: 'bbox', coords: { type: 'pixel', mode: 'LTWH' } } },
    { name: 'categories', options: { htype: 'class_label', classNames: names } },
  ]
  if (withKeypoints)
    tensors.push({
      name: 'keypoints',
      options: {
        htype: 'keypoints_coco',
        keypoints: withKeypoints.keypoints!,
        // COCO skeletons count from 1; Deep Lake's connections index the keypoints from 0.
        connections: (withKeypoints.skeleton ?? []).map(([a, b]) => [a! - 1, b! - 1]),
      },
    })
  if (hasMasks) tensors.push({ name: 'masks', options: { htype: 'binary_mask', sampleCompression: 'lz4' } })
  if (keepAnnotations) tensors.push({ name: 'annotations', options: { htype: 'json' } })

  const rows: Row[] = [...coco.images]
    .sort((a, b) => a.id - b.id)
    .map((image) => {
      const annotations = byImage.get(image.id) ?? []
      const path = join(imagesDir, image.file_name)
      const values: Record<string, unknown> = {
        images: () => read(path),
        boxes: {
          dtype: 'float32',
          shape: [annotations.length, 4],
          data: Float32Array.from(annotations.flatMap((a) => a.bbox ?? [0, 0, 0, 0])),
        },
        categories: annotations.map((a) => categoryName.get(a.category_id) ?? String(a.category_id)),
      }
      if (withKeypoints) {
        const data = new Int32Array(3 * keypointCount * annotations.length)
        annotations.forEach((a, k) => {
          for (let r = 0; r < 3 * keypointCount; r++)
            data[r * annotations.length + k] = Math.round(a.keypoints?.[r] ?? 0)
        })
        values.keypoints = { dtype: 'int32', shape: [3 * keypointCount, annotations.length], data }
      }
      if (hasMasks) values.masks = () => Promise.resolve(masksOf(image, annotations))
      if (keepAnnotations) values.annotations = annotations
      return { label: path, values }
    })
  return { tensors, rows }
}
