import { isShoalError, type NDArray, read } from '@shoal/core'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanTemps, newDataset } from './helpers/dataset.js'
import { makeDicom, rampPixels } from './helpers/dicom.js'

afterAll(cleanTemps)

const pixels = rampPixels(6, 8)

describe.each(['explicit', 'implicit', 'rle', 'jpegLs'] as const)('dicom, %s transfer syntax', (syntax) => {
  const file = makeDicom({ rows: 6, cols: 8, pixels, syntax })

  it('stores the file; shape, dtype and header fields from the header; raw pixels decoded', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('scans', { htype: 'dicom' })
    expect(t.meta.sampleCompression).toBe('dcm')
    await t.append(await read(file, { name: 'ct.dcm' }))
    expect(Buffer.from(await t.getBytes(0))).toEqual(Buffer.from(file))
    expect(await t.sampleShape(0)).toEqual([6, 8, 1])
    expect(t.meta.dtype).toBe('uint16')
    const info = await t.sampleInfo(0)
    expect(info).toMatchObject({
      format: 'dcm',
      filename: 'ct.dcm',
      modified: false,
      Modality: { tag: '(0008, 0060)', value: 'CT', vr: 'CS' },
      PatientName: { value: [{ Alphabetic: 'Doe^Jane' }], vr: 'PN' },
      Rows: { value: 6, vr: 'US' },
      RescaleIntercept: { value: -1024, vr: 'DS' },
    })
    const image = (await t.get(0)) as NDArray
    expect(image.shape).toEqual([6, 8, 1])
    expect(Array.from(image.data as Uint16Array)).toEqual(Array.from(pixels))
    await ds.close()
  })
})

describe('dicom, several files in one chunk', () => {
  it('each decodes from its own offset in the chunk', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('scans', { htype: 'dicom' })
    const syntaxes = ['explicit', 'implicit', 'rle', 'jpegLs'] as const
    await t.extend(
      await Promise.all(syntaxes.map((syntax) => read(makeDicom({ rows: 6, cols: 8, pixels, syntax })))),
    )
    for (let i = 0; i < syntaxes.length; i++) {
      expect(Array.from(((await t.get(i)) as NDArray).data as Uint16Array)).toEqual(Array.from(pixels))
      expect(await t.sampleInfo(i)).toMatchObject({ Rows: { value: 6 } })
    }
    await ds.close()
  })
})

describe('dicom, multi-frame', () => {
  it('NumberOfFrames gives (frames, rows, cols, channels)', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('scans', { htype: 'dicom' })
    const frames = rampPixels(3 * 6, 8)
    await t.append(await read(makeDicom({ rows: 6, cols: 8, pixels: frames, syntax: 'explicit', frames: 3 })))
    expect(await t.sampleShape(0)).toEqual([3, 6, 8, 1])
    const image = (await t.get(0)) as NDArray
    expect(image.shape).toEqual([3, 6, 8, 1])
    expect(Array.from(image.data as Uint16Array)).toEqual(Array.from(frames))
    await ds.close()
  })
})

describe('dicom bad input', () => {
  it('an undecodable transfer syntax is UNSUPPORTED naming tensor and index; nothing is written', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('scans', { htype: 'dicom' })
    const error = await t
      .append(await read(makeDicom({ rows: 6, cols: 8, pixels, syntax: 'mpeg2' })))
      .catch((e: unknown) => e)
    expect(isShoalError(error, 'UNSUPPORTED')).toBe(true)
    expect(error).toMatchObject({ tensor: 'scans', index: 0 })
    expect((error as Error).message).toContain('1.2.840.10008.1.2.4.100')
    expect(t.length).toBe(0)
    await ds.close()
  })

  it('a truncated file is refused', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('scans', { htype: 'dicom' })
    const file = makeDicom({ rows: 6, cols: 8, pixels, syntax: 'explicit' })
    const error = await t
      .append(await read(file.subarray(0, file.byteLength - 40), { name: 'cut.dcm' }))
      .catch((e: unknown) => e)
    expect(isShoalError(error)).toBe(true)
    expect(error).toMatchObject({ tensor: 'scans', index: 0 })
    expect(t.length).toBe(0)
    await ds.close()
  })
})
