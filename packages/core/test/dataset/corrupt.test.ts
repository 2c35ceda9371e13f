import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseChunk, sampleByteRange } from '../../src/format/chunk.js'
import { isShoalError, openDataset, type ShoalError } from '../../src/index.js'
import { cleanTemps, copyFixture } from '../helpers/fixtures.js'

afterAll(cleanTemps)

async function chunkFile(dataset: string, tensor: string): Promise<string> {
  const [name] = await readdir(join(dataset, tensor, 'chunks'))
  return join(dataset, tensor, 'chunks', name!)
}

/** Runs `read` and returns the Shoal error it throws (failing the test on anything else). */
async function shoalError(read: () => Promise<unknown>): Promise<ShoalError> {
  try {
    await read()
  } catch (error) {
    if (isShoalError(error)) return error
    throw error
  }
  throw new Error('expected a ShoalError, but the read succeeded')
}

describe('broken datasets fail with typed errors that name the key', () => {
  it('unknown htype', async () => {
    const path = await copyFixture('generic')
    const metaPath = join(path, 'int32_1d', 'tensor_meta.json')
    const meta = JSON.parse(await readFile(metaPath, 'utf8'))
    await writeFile(metaPath, JSON.stringify({ ...meta, htype: 'hologram' }))
    const ds = await openDataset(path, { readOnly: true })
    const error = await shoalError(async () => ds.tensor('int32_1d'))
    expect(error.code).toBe('UNKNOWN_HTYPE')
    expect(error.message).toContain('"hologram"')
    expect(error.tensor).toBe('int32_1d')
    // The rest of the dataset stays readable.
    expect(((await ds.tensor('float32_2d').get(0)) as { shape: number[] }).shape).toEqual([2, 3])
  })

  it('truncated chunk', async () => {
    const path = await copyFixture('generic')
    const file = await chunkFile(path, 'int32_1d')
    await truncate(file, 20)
    const ds = await openDataset(path, { readOnly: true })
    const error = await shoalError(() => ds.tensor('int32_1d').get(0))
    expect(error.code).toBe('CORRUPT_CHUNK')
    expect(error.message).toContain('int32_1d/chunks/')
  })

  it('chunk whose header claims more rows than the file holds', async () => {
    const path = await copyFixture('generic')
    const file = await chunkFile(path, 'float32_2d')
    const bytes = await readFile(file)
    bytes.writeUInt32LE(100_000, 1 + bytes[0]!) // shape-encoder row count
    await writeFile(file, bytes)
    const ds = await openDataset(path, { readOnly: true })
    const error = await shoalError(() => ds.tensor('float32_2d').get(0))
    expect(error.code).toBe('CORRUPT_CHUNK')
    expect(error.key).toMatch(/^float32_2d\/chunks\//)
  })

  it('lz4 garbage in a chunk-compressed tensor', async () => {
    const path = await copyFixture('generic')
    const file = await chunkFile(path, 'lz4_chunk')
    const bytes = await readFile(file)
    const header = bytes.length - 30
    for (let i = header; i < bytes.length; i++) bytes[i] = 0xff
    bytes.writeUInt32LE(1000, header) // a size prefix the block cannot produce
    await writeFile(file, bytes)
    const ds = await openDataset(path, { readOnly: true })
    const error = await shoalError(() => ds.tensor('lz4_chunk').get(0))
    expect(error.code).toBe('CORRUPT_CHUNK')
    expect(error.message).toContain('lz4_chunk/chunks/')
  })

  it('lz4 garbage in a sample-compressed tensor', async () => {
    const path = await copyFixture('generic')
    const file = await chunkFile(path, 'lz4_sample')
    const bytes = await readFile(file)
    const header = parseChunk(bytes)
    const range = sampleByteRange(header, 2)!
    // Garbage over the whole payload, size prefix included: no decoder may trust it.
    bytes.fill(0xee, header.dataOffset + range.start, header.dataOffset + range.end)
    await writeFile(file, bytes)
    const ds = await openDataset(path, { readOnly: true })
    const error = await shoalError(() => ds.tensor('lz4_sample').get(2))
    expect(error.code).toBe('CORRUPT_CHUNK')
    expect(error.index).toBe(2)
  })

  it('missing chunk', async () => {
    const path = await copyFixture('generic')
    await rm(await chunkFile(path, 'int32_1d'))
    const ds = await openDataset(path, { readOnly: true })
    const error = await shoalError(() => ds.tensor('int32_1d').get(1))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.key).toMatch(/^int32_1d\/chunks\/[0-9a-f]+$/)
    expect(error.message).toContain('int32_1d')
  })

  it('malformed tensor_meta.json', async () => {
    const path = await copyFixture('generic')
    await writeFile(join(path, 'int32_1d', 'tensor_meta.json'), '{"htype": "generic", "length": ')
    const ds = await openDataset(path, { readOnly: true })
    const error = await shoalError(async () => ds.tensor('int32_1d'))
    expect(error.code).toBe('INVALID_METADATA')
    expect(error.key).toBe('int32_1d/tensor_meta.json')
  })

  it('malformed dataset_meta.json fails the open', async () => {
    const path = await copyFixture('generic')
    await writeFile(join(path, 'dataset_meta.json'), '[1, 2')
    const error = await shoalError(() => openDataset(path, { readOnly: true }))
    expect(error.code).toBe('INVALID_METADATA')
    expect(error.key).toBe('dataset_meta.json')
  })

  it('chunk index shorter than the tensor length', async () => {
    const path = await copyFixture('generic')
    const metaPath = join(path, 'int32_1d', 'tensor_meta.json')
    const meta = JSON.parse(await readFile(metaPath, 'utf8'))
    await writeFile(metaPath, JSON.stringify({ ...meta, length: 9 }))
    const ds = await openDataset(path, { readOnly: true })
    const error = await shoalError(async () => ds.tensor('int32_1d'))
    expect(error.code).toBe('INVALID_METADATA')
    expect(error.key).toBe('int32_1d/chunks_index/unsharded')
  })

  it('a folder that is no dataset', async () => {
    const path = await copyFixture('generic')
    const error = await shoalError(() => openDataset(join(path, 'int32_1d'), { readOnly: true }))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.hint).toBeUndefined()
  })

  it('an empty memory:// store says it lives only in the process that made it', async () => {
    const error = await shoalError(() => openDataset('memory://never-written', { readOnly: true }))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.hint).toContain('lives only inside the process that made it')
  })

  it('an out-of-range index', async () => {
    const ds = await openDataset(await copyFixture('generic'), { readOnly: true })
    const error = await shoalError(() => ds.tensor('int32_1d').get(4))
    expect(error.code).toBe('INDEX_OUT_OF_RANGE')
    expect(error.message).toContain('length 4')
  })
})
