import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type NDArray, openDataset } from '@shoal/core'
import { imageCodecs } from '@shoal/htype-image'
import '@shoal/htype-image/register'
import '@shoal/htype-geometry/register'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../bin/shoal.js', import.meta.url))
let dir: string

function shoal(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
  return { code: run.status, out: run.stdout, err: run.stderr }
}

/** A small PNG or JPEG file with a flat colour, encoded by the image package's own codecs. */
async function picture(
  format: 'png' | 'jpeg',
  width: number,
  height: number,
  colour: number,
): Promise<Uint8Array> {
  const codec = await imageCodecs.find((c) => c.name === format)!.loadCodec()
  const data = new Uint8Array(width * height * 3).fill(colour)
  return codec.encodeSample!({ dtype: 'uint8', shape: [height, width, 3], data }, {})
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shoal-ingest-'))
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('shoal ingest', () => {
  it('ingests a class-folder tree: JPEGs kept as they are, PNGs re-encoded, labels from folder names', async () => {
    const tree = join(dir, 'tree')
    for (const [name, colour] of [
      ['cat', 40],
      ['dog', 200],
    ] as const) {
      await mkdir(join(tree, name), { recursive: true })
      await writeFile(join(tree, name, 'a.jpg'), await picture('jpeg', 8, 6, colour))
      await writeFile(join(tree, name, 'b.png'), await picture('png', 5, 7, colour))
    }
    const run = shoal('ingest', tree, join(dir, 'pets'), '--quiet')
    expect(run.code, run.err).toBe(0)
    const ds = await openDataset(join(dir, 'pets'), { readOnly: true })
    expect(ds.tensor('labels').info.class_names).toEqual(['cat', 'dog'])
    expect(await ds.tensor('labels').labelNames(2)).toEqual(['dog'])
    const images = ds.tensor('images')
    expect(images.length).toBe(4)
    expect(await images.sampleShape(1)).toEqual([7, 5, 3])
    expect((await images.sampleInfo(0)).modified).toBe(false)
    expect((await images.sampleInfo(1)).modified).toBe(true)
    await ds.close()
  })

  it('ingests COCO: boxes, categories, keypoints with names and skeleton, masks from polygons and RLE', async () => {
    const images = join(dir, 'coco-images')
    await mkdir(images, { recursive: true })
    await writeFile(join(images, '1.jpg'), await picture('jpeg', 20, 10, 90))
    await writeFile(join(images, '2.jpg'), await picture('jpeg', 20, 10, 150))
    const coco = {
      images: [
        { id: 2, file_name: '2.jpg', width: 20, height: 10 },
        { id: 1, file_name: '1.jpg', width: 20, height: 10 },
      ],
      categories: [
        { id: 7, name: 'person', keypoints: ['head', 'hand'], skeleton: [[1, 2]] },
        { id: 9, name: 'ball' },
      ],
      annotations: [
        {
          image_id: 1,
          category_id: 7,
          bbox: [2, 1, 4, 6],
          keypoints: [3, 2, 2, 5, 6, 0],
          segmentation: [[2, 1, 6, 1, 6, 7, 2, 7]],
        },
        {
          image_id: 1,
          category_id: 9,
          bbox: [10, 2, 3, 3],
          segmentation: { counts: [22, 3, 7, 3], size: [10, 20] },
        },
      ],
    }
    await writeFile(join(dir, 'coco.json'), JSON.stringify(coco))
    const run = shoal(
      'ingest',
      '--coco',
      join(dir, 'coco.json'),
      '--images',
      images,
      join(dir, 'coco'),
      '--keep-annotations',
      '--quiet',
    )
    expect(run.code, run.err).toBe(0)
    const ds = await openDataset(join(dir, 'coco'), { readOnly: true })
    expect(ds.tensorNames).toEqual(['images', 'boxes', 'categories', 'keypoints', 'masks', 'annotations'])
    expect(ds.length).toBe(2)
    const boxes = (await ds.tensor('boxes').get(0)) as NDArray
    expect(Array.from(boxes.data as Float32Array)).toEqual([2, 1, 4, 6, 10, 2, 3, 3])
    expect(ds.tensor('boxes').info.coords).toEqual({ type: 'pixel', mode: 'LTWH' })
    expect(await ds.tensor('categories').labelNames(0)).toEqual(['person', 'ball'])
    expect(((await ds.tensor('categories').get(1)) as NDArray).shape).toEqual([0])
    const keypoints = ds.tensor('keypoints')
    expect(keypoints.info.keypoints).toEqual(['head', 'hand'])
    expect(keypoints.info.connections).toEqual([[0, 1]])
    const k = (await keypoints.get(0)) as NDArray
    expect(k.shape).toEqual([6, 2])
    expect(Array.from(k.data as Int32Array)).toEqual([3, 0, 2, 0, 2, 0, 5, 0, 6, 0, 0, 0])
    const masks = (await ds.tensor('masks').get(0)) as NDArray
    expect(masks.shape).toEqual([10, 20, 2])
    const at = (y: number, x: number, o: number) => (masks.data as Uint8Array)[(y * 20 + x) * 2 + o]
    expect([at(1, 2, 0), at(6, 5, 0), at(0, 2, 0), at(7, 2, 0), at(3, 6, 0)]).toEqual([1, 1, 0, 0, 0])
    // RLE runs are column-major: 22 zeros (columns 0–1, 2 pixels of column 2), 3 ones, 7 zeros, 3 ones.
    expect([at(2, 2, 1), at(4, 2, 1), at(5, 2, 1), at(2, 3, 1), at(5, 3, 1)]).toEqual([1, 1, 0, 1, 0])
    expect(((await ds.tensor('annotations').get(0)) as unknown[]).length).toBe(2)
    await ds.close()
  })

  it('ingests CSV and JSONL: numbers, strings and objects become generic, text and json; overrides win', async () => {
    await writeFile(join(dir, 't.csv'), 'id,caption,score\n1,"a cat, sleeping",0.5\n2,a dog,1.25\n')
    expect(shoal('ingest', '--csv', join(dir, 't.csv'), join(dir, 'csv'), '--quiet').code).toBe(0)
    await writeFile(
      join(dir, 't.jsonl'),
      '{"id": 1, "meta": {"a": [1, 2]}, "tag": "x"}\n{"id": 2, "meta": {}, "tag": "y"}\n',
    )
    expect(
      shoal('ingest', '--jsonl', join(dir, 't.jsonl'), join(dir, 'jsonl'), '--column', 'id=text', '--quiet')
        .code,
    ).toBe(0)
    const csv = await openDataset(join(dir, 'csv'), { readOnly: true })
    expect(csv.tensor('id').dtype).toBe('int64')
    expect(csv.tensor('score').dtype).toBe('float64')
    expect(await csv.tensor('caption').get(0)).toBe('a cat, sleeping')
    const jsonl = await openDataset(join(dir, 'jsonl'), { readOnly: true })
    expect(jsonl.tensor('id').htype).toBe('text')
    expect(await jsonl.tensor('meta').get(0)).toEqual({ a: [1, 2] })
    expect(await jsonl.tensor('tag').get(1)).toBe('y')
  })

  it('stops at a bad file naming it, keeping everything before it', async () => {
    const tree = join(dir, 'bad-tree')
    await mkdir(join(tree, 'a'), { recursive: true })
    await writeFile(join(tree, 'a', '1.jpg'), await picture('jpeg', 4, 4, 10))
    await writeFile(join(tree, 'a', '2.jpg'), new TextEncoder().encode('not an image'))
    await writeFile(join(tree, 'a', '3.jpg'), await picture('jpeg', 4, 4, 30))
    const run = shoal('ingest', tree, join(dir, 'bad'), '--quiet')
    expect(run.code).toBe(1)
    expect(run.err).toContain(join(tree, 'a', '2.jpg'))
    const ds = await openDataset(join(dir, 'bad'), { readOnly: true })
    expect(ds.tensor('images').length).toBe(1)
    await ds.close()
  })

  it('an ingest killed half-way verifies, and --resume completes it to exactly the expected rows', async () => {
    const tree = join(dir, 'big')
    const total = 600
    for (const name of ['x', 'y']) await mkdir(join(tree, name), { recursive: true })
    const png = [await picture('png', 24, 24, 60), await picture('png', 24, 24, 220)]
    for (let i = 0; i < total; i++)
      await writeFile(join(tree, i % 2 ? 'y' : 'x', `${String(i).padStart(4, '0')}.png`), png[i % 2]!)
    const target = join(dir, 'killed')
    const child = spawn(process.execPath, [bin, 'ingest', tree, target, '--flush-every', '64', '--quiet'])
    // Kill as soon as the first flush has made rows durable.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (existsSync(join(target, 'images', 'chunks_index', 'unsharded'))) {
          clearInterval(timer)
          child.kill('SIGKILL')
          resolve()
        }
      }, 5)
    })
    await new Promise((resolve) => child.once('exit', resolve))
    const partial = await openDataset(target, { readOnly: true })
    const kept = partial.length
    await partial.close()
    expect(kept).toBeLessThan(total)
    expect(shoal('verify', target).code).toBe(0)
    const resumed = shoal('ingest', tree, target, '--resume', '--quiet')
    expect(resumed.code, resumed.err).toBe(0)
    const ds = await openDataset(target, { readOnly: true })
    expect(ds.tensor('images').length).toBe(total)
    expect(ds.tensor('labels').length).toBe(total)
    // Folder order: all of x (even files), then all of y.
    expect(await ds.tensor('labels').labelNames(total / 2 - 1)).toEqual(['x'])
    expect(await ds.tensor('labels').labelNames(total / 2)).toEqual(['y'])
    const last = (await ds.tensor('images').get(total - 1)) as NDArray
    expect((last.data as Uint8Array)[0]).toBeGreaterThan(200)
    await ds.close()
  })
})
