import { join } from 'node:path'
import { createDataset, isShoalError, type NDArray, read } from '@shoal/core'
import { afterAll, describe, expect, it } from 'vitest'
import { imageCodecs, imageHtypes } from '../src/index.js'
import { cleanTemps, encodeWithSharp, gradient, snapshot, tempDir } from './helpers/images.js'

afterAll(cleanTemps)

const plugins = { htypes: imageHtypes, codecs: imageCodecs }

/**
 * A dataset with one good sample flushed, then `bad` appended: the append must fail with `code`,
 * name the tensor and the index, and leave every file as it was.
 */
async function expectRefused(
  options: Record<string, unknown>,
  bad: () => Promise<unknown> | unknown,
  code: string,
  good: unknown = gradient(4, 4, 3),
) {
  const path = join(await tempDir(), 'ds')
  const ds = await createDataset(path, plugins)
  const t = await ds.createTensor('images', options)
  await t.append(good)
  await ds.flush()
  const before = await snapshot(path)
  const error = await t.append(await bad()).catch((e: unknown) => e)
  expect(isShoalError(error, code as never), String(error)).toBe(true)
  expect((error as { tensor?: string }).tensor).toBe('images')
  expect((error as { index?: number }).index).toBe(1)
  expect(t.length).toBe(1)
  await ds.flush()
  expect(await snapshot(path)).toEqual(before)
  await ds.close()
}

describe('bad input is refused with a typed error and nothing written', () => {
  it('a file that is not an image', async () => {
    await expectRefused(
      { htype: 'image', sampleCompression: 'png' },
      () => read(new TextEncoder().encode('hello, not an image'), { name: 'notes.png' }),
      'INVALID_SAMPLE',
    )
  })

  it('a truncated PNG and a truncated JPEG', async () => {
    const png = await encodeWithSharp(gradient(16, 16, 3), 'png')
    await expectRefused(
      { htype: 'image', sampleCompression: 'png' },
      () => read(png.subarray(0, png.byteLength - 20), { name: 'cut.png' }),
      'INVALID_SAMPLE',
    )
    const jpeg = await encodeWithSharp(gradient(16, 16, 3), 'jpeg')
    await expectRefused(
      { htype: 'image', sampleCompression: 'jpeg' },
      () => read(jpeg.subarray(0, jpeg.byteLength / 2), { name: 'cut.jpg' }),
      'INVALID_SAMPLE',
    )
  })

  it('a corrupt image in another format (decode fails)', async () => {
    const png = await encodeWithSharp(gradient(16, 16, 3), 'png')
    const corrupt = png.slice()
    corrupt.fill(0x55, 40, 80)
    await expectRefused(
      { htype: 'image', sampleCompression: 'jpeg' },
      () => read(corrupt, { name: 'broken.png' }),
      'INVALID_SAMPLE',
    )
  })

  it('float values into jpeg', async () => {
    const floats: NDArray<'float32'> = {
      dtype: 'float32',
      shape: [2, 2, 3],
      data: new Float32Array(12).fill(0.5),
    }
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const t = await ds.createTensor('images', { htype: 'image', sampleCompression: 'jpeg', dtype: 'float32' })
    await ds.flush()
    const before = await snapshot(path)
    const error = await t.append(floats).catch((e: unknown) => e)
    expect(isShoalError(error, 'INVALID_SAMPLE')).toBe(true)
    expect((error as { index?: number }).index).toBe(0)
    expect(String((error as Error).message)).toMatch(/jpeg cannot hold float32/)
    expect(t.length).toBe(0)
    await ds.flush()
    expect(await snapshot(path)).toEqual(before)
    await ds.close()
  })

  it('a channel count the format cannot store (RGBA into jpeg, 5 channels anywhere)', async () => {
    await expectRefused(
      { htype: 'image', sampleCompression: 'jpeg' },
      () => gradient(4, 4, 4),
      'INVALID_SAMPLE',
    )
    await expectRefused(
      { htype: 'image', sampleCompression: 'png' },
      () => ({ dtype: 'uint8', shape: [2, 2, 5], data: new Uint8Array(20) }),
      'INVALID_SAMPLE',
    )
    await expectRefused(
      { htype: 'image', chunkCompression: 'jpeg' },
      () => gradient(4, 4, 2),
      'INVALID_SAMPLE',
    )
  })

  it('masks of the wrong rank or layout', async () => {
    const seg = { dtype: 'uint32', shape: [2, 2], data: new Uint32Array(4) }
    await expectRefused(
      { htype: 'segment_mask' },
      () => ({ dtype: 'uint32', shape: [2], data: new Uint32Array(2) }),
      'INVALID_SAMPLE',
      seg,
    )
    await expectRefused(
      { htype: 'segment_mask' },
      () => ({ dtype: 'uint32', shape: [2, 2, 3], data: new Uint32Array(12) }),
      'INVALID_SAMPLE',
      seg,
    )
    await expectRefused(
      { htype: 'binary_mask' },
      () => ({ dtype: 'bool', shape: [2, 2, 2, 2], data: new Uint8Array(16) }),
      'INVALID_SAMPLE',
      { dtype: 'bool', shape: [2, 2, 1], data: new Uint8Array(4) },
    )
  })
})

describe('createTensor refuses what cannot work', () => {
  it('formats without a maintained decoder are named as unsupported', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'), plugins)
    for (const format of ['sgi', 'msp', 'wmf', 'xbm']) {
      const error = await ds
        .createTensor(`t_${format}`, { htype: 'image', sampleCompression: format })
        .catch((e) => e)
      expect(isShoalError(error, 'UNSUPPORTED')).toBe(true)
      expect(String(error.message)).toContain(`"${format}"`)
    }
    expect(ds.tensorNames).toEqual([])
    await ds.close()
  })

  it('image needs a compression argument, even an explicit null', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'), plugins)
    await expect(ds.createTensor('a', { htype: 'image' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await ds.createTensor('b', { htype: 'image', sampleCompression: null })
    await expect(ds.createTensor('c', { htype: 'image', sampleCompression: 'mp4' })).rejects.toSatisfy((e) =>
      isShoalError(e),
    )
    await ds.close()
  })
})
