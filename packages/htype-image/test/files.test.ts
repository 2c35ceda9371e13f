import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createDataset, type NDArray, openDataset, read } from '@shoal/core'
import { afterAll, describe, expect, it } from 'vitest'
import { imageCodecs, imageHtypes } from '../src/index.js'
import { makeIco, makeJpeg2000, makeMpo, makePcx } from './helpers/decode-only.js'
import { cleanTemps, encodeWithSharp, gradient, maxDiff, meanDiff, tempDir } from './helpers/images.js'

afterAll(cleanTemps)

const plugins = { htypes: imageHtypes, codecs: imageCodecs }

async function tensorWith(sampleCompression: string | null, htype = 'image') {
  const path = join(await tempDir(), 'ds')
  const ds = await createDataset(path, plugins)
  const t = await ds.createTensor('images', { htype, sampleCompression })
  return { path, ds, t }
}

describe('read() files in the tensor format', () => {
  it('stores a JPEG byte for byte, with its shape, name and EXIF in the sample info', async () => {
    const file = await encodeWithSharp(gradient(10, 14, 3), 'jpeg', {
      exif: { Make: 'Shoal', Software: 'test' },
    })
    const dir = await tempDir()
    await writeFile(join(dir, 'photo.jpg'), file)
    const { path, ds, t } = await tensorWith('jpeg')
    await t.append(await read(join(dir, 'photo.jpg')))
    await ds.close()
    const back = await openDataset(path, { ...plugins, readOnly: true })
    const images = back.tensor('images')
    expect(Buffer.from(await images.getBytes(0)).equals(Buffer.from(file))).toBe(true)
    expect(((await images.get(0)) as NDArray).shape).toEqual([10, 14, 3])
    const info = await images.sampleInfo(0)
    expect(info).toMatchObject({
      format: 'jpeg',
      shape: [10, 14, 3],
      filename: join(dir, 'photo.jpg'),
      modified: false,
    })
    expect(info.exif).toMatchObject({ Make: 'Shoal', Software: 'test' })
    await back.close()
  })

  it('recompresses a file of another format (and records it as modified)', async () => {
    const image = gradient(6, 5, 3)
    const png = await encodeWithSharp(image, 'png')
    const { path, ds, t } = await tensorWith('webp')
    await t.append(await read(png, { name: 'x.png' }))
    await ds.close()
    const back = await openDataset(path, { ...plugins, readOnly: true })
    const images = back.tensor('images')
    const bytes = await images.getBytes(0)
    expect(imageCodecs.find((c) => c.name === 'webp')!.matchesMagic!(bytes)).toBe(true)
    expect(meanDiff((await images.get(0)) as NDArray, image)).toBeLessThan(16)
    expect(await images.sampleInfo(0)).toMatchObject({ format: 'png', modified: true, filename: 'x.png' })
    await back.close()
  })

  it('detects the format from magic bytes even under a misleading name', async () => {
    const png = await encodeWithSharp(gradient(4, 4, 3), 'png')
    const { ds, t } = await tensorWith('png')
    await t.append(await read(png, { name: 'not-a.jpg' }))
    expect(Buffer.from(await t.getBytes(0)).equals(Buffer.from(png))).toBe(true)
    await ds.close()
  })

  it('decodes raw pixels from a file into an uncompressed tensor', async () => {
    const image = gradient(5, 7, 3)
    const { ds, t } = await tensorWith(null)
    await t.append(await read(await encodeWithSharp(image, 'png'), { name: 'a.png' }))
    expect(maxDiff((await t.get(0)) as NDArray, image)).toBe(0)
    await ds.close()
  })
})

describe('decode-only formats', () => {
  it.each([
    ['ico', () => makeIco(gradient(16, 16, 4)), [16, 16, 4], 0],
    ['jpeg2000', () => makeJpeg2000(gradient(64, 64, 3)), [64, 64, 3], 0],
    ['mpo', () => makeMpo(gradient(8, 8, 3)), [8, 8, 3], 20],
    ['pcx', async () => makePcx(gradient(5, 7, 3)), [5, 7, 3], 0],
  ] as const)('%s files are stored as they are and decode', async (format, make, shape, tolerance) => {
    const file = await make()
    const { path, ds, t } = await tensorWith(format)
    await t.append(await read(file, { name: `x.${format}` }))
    await expect(t.append(gradient(2, 2, 3))).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    await ds.close()
    const back = await openDataset(path, { ...plugins, readOnly: true })
    const got = (await back.tensor('images').get(0)) as NDArray
    expect(got.shape).toEqual(shape)
    const expected = gradient(shape[0], shape[1], shape[2])
    expect(meanDiff(got, expected)).toBeLessThanOrEqual(tolerance)
    expect(Buffer.from(await back.tensor('images').getBytes(0)).equals(Buffer.from(file))).toBe(true)
    await back.close()
  })
})

describe('image.rgb, image.gray and the grayscale convention', () => {
  it('image.rgb turns gray and RGBA arrays and files into three channels', async () => {
    const { ds, t } = await tensorWith('png', 'image.rgb')
    const gray = gradient(3, 4, 1)
    await t.extend([gray, gradient(3, 4, 4)])
    await t.append(await read(await encodeWithSharp(gray, 'png'), { name: 'g.png' }))
    const [a, b, c] = (await t.getRange(0, 3)) as NDArray[]
    expect(a!.shape).toEqual([3, 4, 3])
    expect(Array.from(a!.data as Uint8Array).slice(0, 3)).toEqual(
      [0, 0, 0].map(() => (gray.data as Uint8Array)[0]),
    )
    expect(maxDiff(b!, gradient(3, 4, 3))).toBe(0)
    expect(c!.shape).toEqual([3, 4, 3])
    await ds.close()
  })

  it('image.gray converts colour with Deep Lake truncating luma', async () => {
    const { ds, t } = await tensorWith('png', 'image.gray')
    const rgb: NDArray<'uint8'> = {
      dtype: 'uint8',
      shape: [1, 2, 3],
      data: Uint8Array.of(255, 0, 0, 10, 200, 30),
    }
    await t.append(rgb)
    const got = (await t.get(0)) as NDArray
    expect(got.shape).toEqual([1, 2])
    expect(Array.from(got.data as Uint8Array)).toEqual([76, 2 + 117 + 3])
    await ds.close()
  })

  it('a 2-D sample in a 3-D image tensor is stored as (H, W, 1)', async () => {
    const { ds, t } = await tensorWith('png')
    await t.append(gradient(2, 3, 3))
    await t.append(gradient(4, 5, 1))
    expect(await t.sampleShape(1)).toEqual([4, 5, 1])
    expect(((await t.get(1)) as NDArray).shape).toEqual([4, 5, 1])
    await ds.close()
  })
})

describe('masks', () => {
  it('segment_mask keeps class names and lz4; binary_mask keeps one bool channel per object', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const seg = await ds.createTensor('seg', {
      htype: 'segment_mask',
      classNames: ['background', 'car'],
      sampleCompression: 'lz4',
    })
    const mask: NDArray<'uint32'> = { dtype: 'uint32', shape: [2, 3], data: Uint32Array.of(0, 1, 1, 0, 0, 1) }
    await seg.append(mask)
    const bin = await ds.createTensor('bin', { htype: 'binary_mask', sampleCompression: 'lz4' })
    await bin.append({ dtype: 'bool', shape: [2, 2, 2], data: Uint8Array.of(1, 0, 0, 1, 1, 1, 0, 0) })
    const inst = await ds.createTensor('inst', { htype: 'instance_label' })
    await inst.append([[1, 2]])
    await ds.close()
    const back = await openDataset(path, { ...plugins, readOnly: true })
    expect(back.tensor('seg').info.class_names).toEqual(['background', 'car'])
    expect(Array.from(((await back.tensor('seg').get(0)) as NDArray).data as Uint32Array)).toEqual([
      0, 1, 1, 0, 0, 1,
    ])
    const b = (await back.tensor('bin').get(0)) as NDArray
    expect([b.dtype, b.shape]).toEqual(['bool', [2, 2, 2]])
    expect(back.tensor('inst').meta.dtype).toBe('uint32')
    expect(back.tensor('seg').meta.extra).toMatchObject({ _info: ['class_names'] })
    await back.close()
  })
})
