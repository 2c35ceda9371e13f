import { readdir } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { read } from '@shoal/core'
import type { Row, Source } from './runner.js'

const IMAGE_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.bmp',
  '.ppm',
  '.tga',
])

/**
 * A folder with one sub-folder per class: `images` (files kept as they are when their format is
 * the sample compression, re-encoded otherwise) and `labels` (class_label, the folder names).
 */
export async function folderSource(root: string, sampleCompression: string): Promise<Source> {
  const classes = (await readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
  const rows: Row[] = []
  for (const name of classes) {
    const files = (await readdir(join(root, name)))
      .filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase()))
      .sort()
    for (const file of files) {
      const path = join(root, name, file)
      rows.push({ label: path, values: { images: () => read(path), labels: name } })
    }
  }
  return {
    tensors: [
      { name: 'images', options: { htype: 'image', sampleCompression } },
      { name: 'labels', options: { htype: 'class_label', classNames: classes } },
    ],
    rows,
  }
}
