import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDataset,
  type Dataset,
  defineHtype,
  isShoalError,
  openDataset,
  registerHtypes,
  ShoalError,
} from '../../src/index.js'
import { cleanTemps, snapshot, tempDir } from '../helpers/fixtures.js'

/** An htype that, like image, must be told its compression (image itself lives in @shoal/htype-image). */
const needsCompression = defineHtype({
  specVersion: 1,
  name: 'test.needs_compression',
  providedBy: 'test',
  layout: 'array',
  defaultDtype: 'uint8',
  compressions: ['lz4'],
  requiresCompressionArgument: true,
})

/** An htype with a shape rule, like bbox's (n, 4). */
const boxes = defineHtype({
  specVersion: 1,
  name: 'test.box',
  providedBy: 'test',
  layout: 'array',
  defaultDtype: 'float32',
  ranks: [2],
  validateSample(sample, { tensor, index }) {
    if (sample.shape[1] !== 4) {
      throw new ShoalError('INVALID_SAMPLE', `tensor "${tensor}", sample ${index}: boxes are (n, 4)`, {
        tensor,
        index,
      })
    }
  },
})

let path: string
let ds: Dataset

beforeAll(async () => {
  registerHtypes([needsCompression, boxes])
  path = join(await tempDir(), 'ds')
  ds = await createDataset(path)
  await ds.createTensor('bytes', { dtype: 'uint8' })
  await ds.createTensor('ints', { dtype: 'int32' })
  await ds.createTensor('words', { htype: 'text' })
  await ds.createTensor('vectors', { htype: 'embedding' })
  await ds.createTensor('boxes', { htype: 'test.box' })
  await ds.tensor('bytes').append([1, 2, 3])
  await ds.tensor('ints').append([[1, 2]])
  await ds.flush()
})
afterAll(async () => {
  await ds.close()
  await cleanTemps()
})

/** Asserts that `action` fails with `code` and leaves every file of the dataset unchanged. */
async function rejects(code: string, action: () => Promise<unknown>, message?: RegExp): Promise<void> {
  await ds.flush()
  const before = await snapshot(path)
  let caught: unknown
  try {
    await action()
  } catch (error) {
    caught = error
  }
  expect(isShoalError(caught), `expected a ShoalError, got ${String(caught)}`).toBe(true)
  expect((caught as { code: string }).code).toBe(code)
  if (message) expect((caught as Error).message).toMatch(message)
  await ds.flush()
  expect(await snapshot(path)).toEqual(before)
}

describe('bad createTensor arguments change nothing', () => {
  it('unknown htype', () =>
    rejects('UNKNOWN_HTYPE', () => ds.createTensor('a', { htype: 'hologram' }), /hologram/))
  it('unknown compression', () =>
    rejects('UNKNOWN_COMPRESSION', () => ds.createTensor('a', { sampleCompression: 'zstd9' }), /zstd9/))
  it('compression of a missing plugin names it', () =>
    rejects(
      'UNKNOWN_COMPRESSION',
      () => ds.createTensor('a', { sampleCompression: 'png' }),
      /@shoal\/htype-image/,
    ))
  it('compression the htype does not allow', () =>
    rejects(
      'INVALID_ARGUMENT',
      () => ds.createTensor('a', { htype: 'text', sampleCompression: 'png' }),
      /does not allow/,
    ))
  it('both compressions at once', () =>
    rejects('INVALID_ARGUMENT', () =>
      ds.createTensor('a', { sampleCompression: 'lz4', chunkCompression: 'lz4' }),
    ))
  it('required compression argument missing', () =>
    rejects(
      'INVALID_ARGUMENT',
      () => ds.createTensor('a', { htype: 'test.needs_compression' }),
      /sampleCompression or chunkCompression/,
    ))
  it('text with a numeric dtype', () =>
    rejects('INVALID_ARGUMENT', () => ds.createTensor('a', { htype: 'text', dtype: 'int32' })))
  it('a dtype that is no dtype', () =>
    rejects('INVALID_ARGUMENT', () => ds.createTensor('a', { dtype: 'int33' })))
  it('empty name', () => rejects('INVALID_ARGUMENT', () => ds.createTensor('')))
  it('name starting with /', () => rejects('INVALID_ARGUMENT', () => ds.createTensor('/abs')))
  it('name containing ..', () => rejects('INVALID_ARGUMENT', () => ds.createTensor('a/../b')))
  it('reserved key', () => rejects('INVALID_ARGUMENT', () => ds.createTensor('versions'), /reserved/))
  it('existing name', () => rejects('ALREADY_EXISTS', () => ds.createTensor('bytes')))
  it('sequence[tag]', () =>
    rejects('INVALID_ARGUMENT', () => ds.createTensor('a', { htype: 'sequence[tag]' })))
})

describe('bad samples change nothing', () => {
  it('300 into uint8', () =>
    rejects('INVALID_SAMPLE', () => ds.tensor('bytes').append([300]), /"bytes", sample 1.*300/))
  it('1.5 into int32', () =>
    rejects('INVALID_SAMPLE', () => ds.tensor('ints').append([[1.5, 2]]), /"ints", sample 1.*1\.5/))
  it('NaN into an int tensor', () =>
    rejects('INVALID_SAMPLE', () => ds.tensor('ints').append([[Number.NaN, 1]])))
  it('a rank that does not fit the tensor', () =>
    rejects('INVALID_SAMPLE', () => ds.tensor('bytes').append([[1], [2]]), /dimensions/))
  it('a rank that does not fit the htype', () =>
    rejects('INVALID_SAMPLE', () => ds.tensor('vectors').append([[1, 2]])))
  it('an htype validator', () =>
    rejects('INVALID_SAMPLE', () => ds.tensor('boxes').append([[1, 2, 3]]), /\(n, 4\)/))
  it('text into a numeric tensor', () =>
    rejects('INVALID_SAMPLE', () => ds.tensor('ints').append('hello'), /string/))
  it('a number into a text tensor', () => rejects('INVALID_SAMPLE', () => ds.tensor('words').append(42)))
  it('a failed extend keeps no part of the batch', async () => {
    await rejects('INVALID_SAMPLE', () => ds.tensor('bytes').extend([[4], [5], [256]]))
    expect(ds.tensor('bytes').length).toBe(1)
  })
  it('a cast is allowed when asked for', async () => {
    await ds.tensor('bytes').append([300], { cast: true })
    const last = await ds.tensor('bytes').get(1)
    expect(Array.from((last as { data: Uint8Array }).data)).toEqual([44])
  })
})

describe('read-only datasets refuse every write', () => {
  it('append, createTensor, info, creds', async () => {
    await ds.flush()
    const ro = await openDataset(path, { readOnly: true })
    const before = await snapshot(path)
    for (const action of [
      () => ro.tensor('bytes').append([1]),
      () => ro.createTensor('z'),
      () => ro.info.update({ a: 1 }),
      () => ro.tensor('bytes').info.update({ a: 1 }),
      () => ro.addCredsKey('k'),
    ]) {
      await expect(action()).rejects.toSatisfy((e) => isShoalError(e, 'READ_ONLY'))
    }
    expect(await snapshot(path)).toEqual(before)
    await ro.close()
  })
})
