import { join } from 'node:path'
import { createDataset, type NDArray, openDataset } from '@shoal/core'
import { afterAll, describe, expect, it } from 'vitest'
import { imageCodecs, imageFormats, imageHtypes } from '../src/index.js'
import { cleanTemps, gradient, maxDiff, meanDiff, tempDir } from './helpers/images.js'

afterAll(cleanTemps)

const plugins = { htypes: imageHtypes, codecs: imageCodecs }

/** How far decoded pixels may be from the input on average: 0 for lossless formats. */
const TOLERANCE: Record<string, number> = { jpeg: 20, webp: 16, gif: 24 }

const SIZES: [number, number][] = [
  [1, 1],
  [7, 13],
  [32, 24],
]

const encodable = imageFormats.filter((f) => f.encodes)

describe.each(encodable)('$name arrays', (format) => {
  const channelSets = (format.encodeChannels ?? [1, 3]).filter((c) => c !== 2)
  it.each(channelSets)(
    'round-trip through write, flush, reopen and read with %i channel(s)',
    async (channels) => {
      const path = join(await tempDir(), 'ds')
      const ds = await createDataset(path, plugins)
      const t = await ds.createTensor('images', { htype: 'image', sampleCompression: format.name })
      const inputs = SIZES.map(([h, w]) => gradient(h, w, channels))
      // A 3-channel tensor keeps (H, W, C); a gray one stores (H, W, 1) like Python (the first is 3-D).
      await t.extend(
        inputs.map((image) => (channels === 1 ? { ...image, shape: [...image.shape, 1] } : image)),
      )
      await ds.close()

      const back = await openDataset(path, { ...plugins, readOnly: true })
      const images = back.tensor('images')
      expect(images.length).toBe(SIZES.length)
      expect(images.meta.sampleCompression).toBe(format.name)
      for (let i = 0; i < SIZES.length; i++) {
        const got = (await images.get(i)) as NDArray
        const [h, w] = SIZES[i]!
        expect(got.shape).toEqual([h, w, channels])
        expect(got.dtype).toBe('uint8')
        expect(meanDiff(got, inputs[i]!)).toBeLessThanOrEqual(TOLERANCE[format.name] ?? 0)
        // getBytes is the stored file, which the format's own magic recognises.
        const bytes = await images.getBytes(i)
        expect(imageCodecs.find((c) => c.name === format.name)!.matchesMagic!(bytes)).toBe(true)
      }
      const range = (await images.getRange(0, SIZES.length)) as NDArray[]
      expect(range.map((a) => a.shape)).toEqual(SIZES.map(([h, w]) => [h, w, channels]))
      await back.close()
    },
  )
})

describe('chunk compression with an image format (canvas chunks)', () => {
  it.each([
    ['png', 0],
    ['jpeg', 32], // 8×8 blocks straddle neighbouring samples in the canvas
  ] as const)('%s: samples of different sizes, gray and empty, read back', async (compression, tolerance) => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const t = await ds.createTensor('images', { htype: 'image', chunkCompression: compression })
    const inputs = [gradient(9, 7, 3), gradient(4, 12, 3), gradient(16, 5, 3)]
    await t.extend([inputs[0], inputs[1], null, inputs[2]])
    await t.append(gradient(3, 3, 3))
    await ds.close()
    const back = await openDataset(path, { ...plugins, readOnly: true })
    const images = back.tensor('images')
    expect(images.meta.chunkCompression).toBe(compression)
    const got = (await images.getRange(0, 5)) as NDArray[]
    expect(got.map((a) => a.shape)).toEqual([
      [9, 7, 3],
      [4, 12, 3],
      [0, 0, 0],
      [16, 5, 3],
      [3, 3, 3],
    ])
    expect(meanDiff(got[0]!, inputs[0]!)).toBeLessThanOrEqual(tolerance)
    expect(meanDiff(got[3]!, inputs[2]!)).toBeLessThanOrEqual(tolerance)
    if (tolerance === 0) expect(maxDiff(got[1]!, inputs[1]!)).toBe(0)
    await back.close()
  })

  it('refuses a dtype the chunk format cannot hold at createTensor', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'), plugins)
    await expect(
      ds.createTensor('x', { htype: 'image', chunkCompression: 'jpeg', dtype: 'float32' }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await ds.close()
  })
})

describe('tiling', () => {
  it('splits an image above the tiling threshold into compressed tiles and reassembles it', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const t = await ds.createTensor('big', {
      htype: 'image',
      sampleCompression: 'png',
      tilingThreshold: 4000,
    })
    const image = gradient(120, 90, 3)
    await t.extend([image, gradient(5, 5, 3)])
    await ds.close()
    const back = await openDataset(path, { ...plugins, readOnly: true })
    const big = back.tensor('big')
    const tiled = (await big.get(0)) as NDArray
    expect(tiled.shape).toEqual([120, 90, 3])
    expect(maxDiff(tiled, image)).toBe(0)
    expect(((await big.get(1)) as NDArray).shape).toEqual([5, 5, 3])
    await back.close()
  })
})
