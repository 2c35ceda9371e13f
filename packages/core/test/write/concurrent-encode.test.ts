import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDataset, isShoalError, type NDArray, openDataset } from '../../src/index.js'
import { defineCodec, defineHtype, ShoalError } from '../../src/plugin.js'
import { cleanTemps, snapshot, tempDir } from '../helpers/fixtures.js'

afterAll(cleanTemps)

// "slowpix": an image-kind codec whose encode yields to the event loop before answering, like
// sharp does. It counts how many encodes are in flight at once, and refuses a first byte of 255.
const MAGIC = 0xa5
let inFlight = 0
let mostInFlight = 0

const slowpixCodec = defineCodec({
  specVersion: 1,
  name: 'slowpix',
  providedBy: 'core-tests',
  kind: 'image',
  matchesMagic: (b) => b[0] === MAGIC,
  loadCodec: () => ({
    encodeSample: async (array, context) => {
      inFlight++
      mostInFlight = Math.max(mostInFlight, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 2))
      inFlight--
      const data = array.data as Uint8Array
      if (data[0] === 255)
        throw new ShoalError('INVALID_SAMPLE', `sample ${context.index}: 255 is not encodable`, {
          index: context.index ?? -1,
        })
      return new Uint8Array([MAGIC, ...data])
    },
    decodeSample: (bytes, context) => ({
      dtype: 'uint8',
      shape: context.shape ?? [bytes.length - 1],
      data: bytes.slice(1),
    }),
    readShape: (bytes) => [bytes.length - 1],
  }),
})

const slowpixHtype = defineHtype({
  specVersion: 1,
  name: 'slowpix_image',
  providedBy: 'core-tests',
  layout: 'array',
  defaultDtype: 'uint8',
  compressions: ['slowpix'],
  defaultSampleCompression: 'slowpix',
})

const plugins = { htypes: [slowpixHtype], codecs: [slowpixCodec] }
const rows = (n: number, first = 0) =>
  Array.from({ length: n }, (_, i) => new Uint8Array([(first + i) % 250, 7, 9]))

describe('extend() encodes codec samples concurrently', () => {
  it('keeps several encodes in flight and stores the samples in index order', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const t = await ds.createTensor('pix', { htype: 'slowpix_image' })
    mostInFlight = 0
    await t.extend(rows(40))
    expect(mostInFlight).toBeGreaterThan(1)
    await ds.close()

    const back = await openDataset(path, { ...plugins, readOnly: true })
    const stored = back.tensor('pix')
    expect(stored.length).toBe(40)
    for (const i of [0, 1, 8, 9, 39]) expect([...((await stored.get(i)) as NDArray).data]).toEqual([i, 7, 9])
    await back.close()
  })

  it('a failing window names its lowest bad index and leaves the dataset as it was', async () => {
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path, plugins)
    const t = await ds.createTensor('pix', { htype: 'slowpix_image' })
    await t.extend(rows(3))
    await ds.flush()
    const before = await snapshot(path)
    const batch = rows(16, 3)
    batch[9] = new Uint8Array([255, 0, 0])
    batch[6] = new Uint8Array([255, 0, 0])
    const error = await t.extend(batch).catch((e: unknown) => e)
    expect(isShoalError(error, 'INVALID_SAMPLE')).toBe(true)
    expect((error as ShoalError).index).toBe(3 + 6)
    expect(inFlight).toBe(0) // every call settled before the error surfaced
    expect(t.length).toBe(3)
    await ds.flush()
    expect(await snapshot(path)).toEqual(before)
    await t.extend(rows(2, 3))
    expect([...((await t.get(4)) as NDArray).data]).toEqual([4, 7, 9])
    await ds.close()
  })
})
