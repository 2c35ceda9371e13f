import { createHash } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { openDataset } from '../../src/index.js'
import type { NDArray } from '../../src/ndarray.js'
import { cleanTemps, expected, FIXTURES, fixture } from '../helpers/fixtures.js'
import { testImageHtypes, testPngCodec } from '../helpers/png-codec.js'

afterAll(cleanTemps)

const sha = (a: NDArray) =>
  createHash('sha256')
    .update(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength))
    .digest('hex')
const withPng = { readOnly: true, htypes: testImageHtypes, codecs: [testPngCodec], linkBase: FIXTURES }

/**
 * Core's engine paths for codec-compressed data — per-sample files, the image-chunk canvas,
 * compressed tiles, sequences of images and links — checked against Python's fixtures through a
 * codec supplied per dataset (no global registration).
 */
describe('codec-compressed samples through a supplied codec', () => {
  it('png sample compression, gray stored as (H, W, 1), RGBA', async () => {
    const ds = await openDataset(fixture('images'), withPng)
    const spec = await expected('images')
    for (const name of ['png_rgb', 'png_gray', 'png_rgba']) {
      const tensor = ds.tensor(name)
      for (let i = 0; i < tensor.length; i++) {
        const sample = (await tensor.get(i)) as NDArray
        expect(sample.shape, `${name}[${i}]`).toEqual(spec.tensors[name].samples[i].shape)
        expect(sha(sample), `${name}[${i}]`).toBe(spec.tensors[name].samples[i].sha256)
      }
    }
    await ds.close()
  })

  it('png chunk compression: samples are column bands of one canvas', async () => {
    const ds = await openDataset(fixture('images'), withPng)
    const spec = await expected('images')
    const tensor = ds.tensor('png_chunk_compressed')
    for (let i = 0; i < tensor.length; i++) {
      expect(sha((await tensor.get(i)) as NDArray)).toBe(spec.tensors.png_chunk_compressed.samples[i].sha256)
    }
    await expect(tensor.getBytes(0)).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    await ds.close()
  })

  it('png tiles, many png chunks and empty png samples', async () => {
    const ds = await openDataset(fixture('chunks_tiles'), withPng)
    const spec = await expected('chunks_tiles')
    for (const name of ['tiled_image', 'many_chunks_png']) {
      const tensor = ds.tensor(name)
      for (let i = 0; i < tensor.length; i++) {
        expect(sha((await tensor.get(i)) as NDArray), `${name}[${i}]`).toBe(
          spec.tensors[name].samples[i].sha256,
        )
      }
    }
    const empty = await openDataset(fixture('empty_samples'), withPng)
    expect(((await empty.tensor('image_png').get(1)) as NDArray).shape).toEqual([0, 0, 0])
    await ds.close()
    await empty.close()
  })

  it('sequence[image] and link[image]', async () => {
    const ds = await openDataset(fixture('sequences'), withPng)
    const spec = await expected('sequences')
    const items = (await ds.tensor('seq_image').get(0)) as NDArray[]
    expect(items.map(sha)).toEqual(
      spec.tensors.seq_image.samples[0].items.map((i: { sha256: string }) => i.sha256),
    )
    const links = await openDataset(fixture('links'), withPng)
    const linkSpec = await expected('links')
    const tensor = links.tensor('link_image')
    expect(tensor.htype).toBe('link[image]')
    for (let i = 0; i < tensor.length; i++) {
      expect(sha((await tensor.get(i)) as NDArray)).toBe(linkSpec.tensors.link_image.samples[i].sha256)
      expect(await tensor.getLink(i)).toEqual({
        path: linkSpec.tensors.link_image.samples[i].path,
        credsKey: null,
      })
    }
    await ds.close()
    await links.close()
  })
})
