import { isShoalError, type NDArray, read } from '@shoal/core'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanTemps, newDataset } from './helpers/dataset.js'
import { makeNifti } from './helpers/nifti.js'

afterAll(cleanTemps)

const voxel = (x: number, y: number, z: number) => x * 100 + y * 10 + z - 50

describe.each([
  ['nii', false],
  ['nii.gz', true],
] as const)('nifti %s', (format, gz) => {
  const file = makeNifti([4, 3, 2], voxel, { gz })

  it('stores the file; shape (H, W, slices), dtype and header fields from the header; voxels in C order', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('scans', { htype: 'nifti', sampleCompression: format })
    await t.append(await read(file, { name: `scan.${format}` }))
    expect(Buffer.from(await t.getBytes(0))).toEqual(Buffer.from(file))
    expect(await t.sampleShape(0)).toEqual([4, 3, 2])
    expect(t.meta.dtype).toBe('int16')
    const info = await t.sampleInfo(0)
    expect(info).toMatchObject({ format, datatype: 4, bitpix: 16, descrip: 'shoal test', modified: false })
    expect(info.zooms).toEqual([1.5, 2, 2.5])
    expect((info.affine as number[][])[0]).toEqual([1.5, 0, 0, -10])
    expect(info.srow_y).toEqual([0, 2, 0, -20])

    const volume = (await t.get(0)) as NDArray
    expect(volume.shape).toEqual([4, 3, 2])
    const data = volume.data as Int16Array
    for (let x = 0; x < 4; x++)
      for (let y = 0; y < 3; y++)
        for (let z = 0; z < 2; z++) expect(data[x * 6 + y * 2 + z]).toBe(voxel(x, y, z))
    await ds.close()
  })
})

describe('nifti scaling and bad input', () => {
  it('scl_slope/scl_inter are applied like nibabel get_fdata', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('scans', { htype: 'nifti', sampleCompression: 'nii', dtype: 'float32' })
    await t.append(await read(makeNifti([2, 2, 1], (x, y) => x + 2 * y, { slope: 2, inter: -1 })))
    expect(Array.from(((await t.get(0)) as NDArray).data as Float32Array)).toEqual([-1, 3, 1, 5])
    await ds.close()
  })

  it('a truncated .nii.gz and an array into a compressed tensor are refused; nothing is written', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('scans', { htype: 'nifti', sampleCompression: 'nii.gz' })
    const file = makeNifti([4, 3, 2], voxel, { gz: true })
    const error = await t
      .append(await read(file.subarray(0, file.byteLength - 20), { name: 'x.nii.gz' }))
      .catch((e: unknown) => e)
    expect(isShoalError(error)).toBe(true)
    expect(error).toMatchObject({ tensor: 'scans', index: 0 })
    await expect(t.append({ dtype: 'int16', shape: [1, 1, 1], data: new Int16Array(1) })).rejects.toSatisfy(
      (e) => isShoalError(e, 'UNSUPPORTED'),
    )
    expect(t.length).toBe(0)
    await ds.close()
  })
})
