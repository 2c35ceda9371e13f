import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDataset, isShoalError, openDataset } from '../../src/index.js'
import { packText } from '../../src/write/packed-text.js'
import { cleanTemps, tempDir } from '../helpers/fixtures.js'

afterAll(cleanTemps)

/** Texts of every UTF-8 width, empty and missing ones, in lengths that straddle small chunks. */
function texts(count: number): (string | null)[] {
  const words = ['river', 'café', 'Straße', '東京', '🐟 shoal', '', 'a']
  return Array.from({ length: count }, (_, i) =>
    i % 37 === 0
      ? null
      : Array.from({ length: 1 + (i % 9) }, (_, k) => words[(i + k) % words.length]).join(' '),
  )
}

/** Hashes of every chunk file of `tensor`, sorted: chunk names are random, contents are not. */
async function chunkHashes(path: string, tensor: string): Promise<string[]> {
  const dir = join(path, tensor, 'chunks')
  const names = await readdir(dir)
  const hashes = await Promise.all(
    names.map(async (n) =>
      createHash('sha256')
        .update(await readFile(join(dir, n)))
        .digest('hex'),
    ),
  )
  return hashes.sort()
}

describe('packed text ingest', () => {
  it('packText measures UTF-8 like TextEncoder and refuses what it cannot pack', () => {
    const values = ['abc', null, 'é', '東', '🐟', undefined, '']
    const packed = packText(values)!
    expect([...packed.ends]).toEqual([3, 3, 5, 8, 12, 12, 12])
    expect(new TextDecoder().decode(packed.bytes)).toBe('abcé東🐟')
    expect(packText(['ok', 42])).toBeUndefined()
    expect(packText(['lone \ud800 surrogate'])).toBeUndefined()
    expect(packText(['\udc00'])).toBeUndefined()
  })

  it('writes the same chunks and values as the per-sample path, with an id per sample', async () => {
    const values = texts(3000)
    const write = async (path: string, batches: (string | null)[][]) => {
      const ds = await createDataset(path)
      const tensor = await ds.createTensor('captions', { htype: 'text', maxChunkSize: 4096 })
      for (const batch of batches) await tensor.extend(batch)
      await ds.close()
    }
    const root = await tempDir()
    // A lone surrogate cannot be packed, so this batch goes through the per-sample encoder.
    const tail = 'tail \ud800'
    await write(join(root, 'packed'), [values.slice(0, 1700), values.slice(1700), [tail]])
    await write(join(root, 'per-sample'), [[...values, tail]])

    expect(await chunkHashes(join(root, 'packed'), 'captions')).toEqual(
      await chunkHashes(join(root, 'per-sample'), 'captions'),
    )
    expect((await chunkHashes(join(root, 'packed'), 'captions')).length).toBeGreaterThan(10)

    const ds = await openDataset(join(root, 'packed'), { readOnly: true })
    const captions = ds.tensor('captions')
    expect(captions.length).toBe(3001)
    const back = await captions.getRange(0, 3001)
    expect(back).toEqual([...values.map((v) => v ?? ''), 'tail \ufffd'])
    const ids = ds.tensor('_captions_id')
    expect(ids.length).toBe(3001)
    expect(
      new Set((await ids.getRange(0, 3001)).map((id) => String((id as { data: unknown }).data))).size,
    ).toBe(3001)
    await ds.close()
  })

  it('a batch with a non-text value still fails on that index and stores nothing', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'))
    const tensor = await ds.createTensor('captions', { htype: 'text' })
    await tensor.extend(['one', 'two'])
    const error = await tensor.extend(['three', 4, 'five']).catch((e: unknown) => e)
    expect(isShoalError(error, 'INVALID_SAMPLE')).toBe(true)
    expect((error as { index?: number }).index).toBe(3)
    expect(tensor.length).toBe(2)
    await ds.close()
  })
})
