import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDataset, isShoalError, link, type NDArray, openDataset } from '../../src/index.js'
import { cleanTemps, FIXTURES, tempDir } from '../helpers/fixtures.js'
import { decodePng, testImageHtypes, testPngCodec } from '../helpers/png-codec.js'

afterAll(cleanTemps)

const plugins = { htypes: testImageHtypes, codecs: [testPngCodec] }
const sha = (a: NDArray) =>
  createHash('sha256')
    .update(a.data as Uint8Array)
    .digest('hex')

describe('link tensors', () => {
  it('store paths and creds keys, verify files at append, and decode them on read', async () => {
    const path = join(await tempDir(), 'ds')
    const red = join(FIXTURES, 'link_assets', 'red.png')
    const gradient = join(FIXTURES, 'link_assets', 'gradient.png')
    const ds = await createDataset(path, plugins)
    await ds.addCredsKey('my_creds')
    const t = await ds.createTensor('images', { htype: 'link[image]', sampleCompression: 'png' })
    await t.extend([link(red), link(gradient, { credsKey: 'my_creds' }), null])
    await expect(t.append(link(red, { credsKey: 'nobody' }))).rejects.toSatisfy((e) =>
      isShoalError(e, 'INVALID_SAMPLE'),
    )
    await expect(t.append(link(join(FIXTURES, 'link_assets', 'missing.png')))).rejects.toSatisfy((e) =>
      isShoalError(e, 'NOT_FOUND'),
    )
    await ds.close()

    const creds = JSON.parse(await readFile(join(path, 'linked_creds.json'), 'utf8'))
    expect(creds).toEqual({ creds_keys: ['my_creds'], managed_creds_keys: [], used_creds_keys: ['my_creds'] })
    const back = await openDataset(path, { ...plugins, readOnly: true })
    const images = back.tensor('images')
    expect(images.htype).toBe('link[image]')
    expect(images.length).toBe(3)
    expect(await images.getLink(1)).toEqual({ path: gradient, credsKey: 'my_creds' })
    expect(await images.getLink(0)).toEqual({ path: red, credsKey: null })
    const decoded = (await images.get(1)) as NDArray
    expect(sha(decoded)).toBe(sha(decodePng(new Uint8Array(await readFile(gradient)))))
    // min/max shape follow the linked files, as Python's verify does.
    expect(images.meta.minShape).toEqual([6, 8, 3])
    expect(images.meta.maxShape).toEqual([8, 10, 3])
    expect(values(await back.tensor('_images_shape').get(1))).toEqual([6, 10, 3])
    await back.close()
  })

  it('resolve relative paths against linkBase', async () => {
    const ds = await openDataset(join(FIXTURES, 'links'), { ...plugins, readOnly: true, linkBase: FIXTURES })
    expect(((await ds.tensor('link_image').get(0)) as NDArray).shape).toEqual([8, 8, 3])
    const elsewhere = await openDataset(join(FIXTURES, 'links'), {
      ...plugins,
      readOnly: true,
      linkBase: '/nonexistent',
    })
    await expect(elsewhere.tensor('link_image').get(0)).rejects.toSatisfy((e) => isShoalError(e, 'NOT_FOUND'))
  })
})

function values(a: unknown): number[] {
  return Array.from((a as NDArray).data as ArrayLike<number | bigint>, Number)
}
