import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDataset, isShoalError, type NDArray, openDataset, read } from '../../src/index.js'
import { defineCodec, defineHtype } from '../../src/plugin.js'
import { cleanTemps, tempDir } from '../helpers/fixtures.js'

afterAll(cleanTemps)

// A "strip" file: magic STRP, a frame count, then one byte per frame. It lets the test see what
// core hands a codec: the options of get(i, options) and the info describeFile reports.
const MAGIC = [0x53, 0x54, 0x52, 0x50]
const strip = (frames: number[]) => new Uint8Array([...MAGIC, frames.length, ...frames])
const seenOptions: unknown[] = []

const stripCodec = defineCodec({
  specVersion: 1,
  name: 'strip',
  providedBy: 'core-tests',
  kind: 'video',
  extensions: ['strip'],
  matchesMagic: (b) => MAGIC.every((m, i) => b[i] === m),
  loadCodec: () => ({
    describeFile: (bytes) => {
      if (!MAGIC.every((m, i) => bytes[i] === m)) throw new Error('bad magic')
      return { shape: [bytes[4]!], info: { frames: bytes[4]! } }
    },
    decodeSample: (bytes, context) => {
      seenOptions.push(context.options)
      const frames = bytes.subarray(5)
      const range = context.options?.frames as [number, number] | undefined
      const data = range ? frames.slice(range[0], range[1]) : frames.slice()
      return { dtype: 'uint8', shape: [data.length], data }
    },
  }),
})

const stripHtype = defineHtype({
  specVersion: 1,
  name: 'strip',
  providedBy: 'core-tests',
  layout: 'array',
  defaultDtype: 'uint8',
  compressions: ['strip'],
  defaultSampleCompression: 'strip',
  companions: { shape: true, info: true },
})

const plugins = { htypes: [stripHtype], codecs: [stripCodec] }

describe('codec hooks', () => {
  it('describeFile gives the stored shape and its info joins the sample info', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const t = await ds.createTensor('clips', { htype: 'strip', sampleCompression: 'strip' })
    await t.extend([
      await read(strip([1, 2, 3]), { name: 'a.strip' }),
      await read(strip([9, 8]), { name: 'b.strip' }),
    ])
    await ds.close()

    const back = await openDataset(path, { ...plugins, readOnly: true })
    const clips = back.tensor('clips')
    expect(await clips.sampleShape(0)).toEqual([3])
    expect(clips.meta.maxShape).toEqual([3])
    expect(await clips.sampleInfo(1)).toEqual({
      format: 'strip',
      shape: [2],
      filename: 'b.strip',
      modified: false,
      frames: 2,
    })
    await expect(clips.sampleInfo(2)).rejects.toSatisfy((e) => isShoalError(e, 'INDEX_OUT_OF_RANGE'))
    await back.close()
  })

  it('get(i, options) hands the options to the sample codec; plain get passes none', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const t = await ds.createTensor('clips', { htype: 'strip', sampleCompression: 'strip' })
    await t.append(await read(strip([5, 6, 7, 8])))
    seenOptions.length = 0
    expect(Array.from(((await t.get(0, { frames: [1, 3] })) as NDArray).data as Uint8Array)).toEqual([6, 7])
    expect(Array.from(((await t.get(0)) as NDArray).data as Uint8Array)).toEqual([5, 6, 7, 8])
    expect(seenOptions).toEqual([{ frames: [1, 3] }, undefined])
    const range = (await t.getRange(0, 1, { frames: [0, 1] })) as NDArray[]
    expect(Array.from(range[0]!.data as Uint8Array)).toEqual([5])
    await ds.close()
  })

  it('a file the codec rejects is INVALID_SAMPLE naming tensor and index, and nothing is stored', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const t = await ds.createTensor('clips', { htype: 'strip', sampleCompression: 'strip' })
    const bad = new Uint8Array([...MAGIC.slice(0, 3), 0x00, 1, 1])
    // Magic mismatch sends the file to decode + re-encode, which this codec cannot do.
    const error = await t.append(await read(bad, { name: 'bad.strip' })).catch((e: unknown) => e)
    expect(isShoalError(error)).toBe(true)
    expect((error as { tensor?: string }).tensor).toBe('clips')
    expect(t.length).toBe(0)
    await ds.close()
  })

  it('options on a tensor without a sample codec are refused with UNSUPPORTED', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'))
    const t = await ds.createTensor('x', { htype: 'generic', dtype: 'int32' })
    await t.append([1, 2])
    await expect(t.get(0, { frames: [0, 1] })).rejects.toSatisfy((e) => isShoalError(e, 'UNSUPPORTED'))
    expect(await t.sampleInfo(0)).toEqual({})
    await ds.close()
  })
})
