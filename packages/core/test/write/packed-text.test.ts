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
    const fresh = (size: number) => new Uint8Array(size)
    const packed = packText(values, fresh)!
    expect([...packed.ends]).toEqual([3, 3, 5, 8, 12, 12, 12])
    expect(new TextDecoder().decode(packed.bytes)).toBe('abcé東🐟')
    expect(packText(['ok', 42], fresh)).toBeUndefined()
    expect(packText(['lone \ud800 surrogate'], fresh)).toBeUndefined()
    expect(packText(['\udc00'], fresh)).toBeUndefined()
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

  it('chunks whose header outgrows the default room (a row per sample) read back whole', async () => {
    // Lengths cycle 1..7, so no two neighbours share a byte-positions row: ~25k rows per chunk.
    const values = Array.from({ length: 90_000 }, (_, i) => 'abcdefg'.slice(0, 1 + (i % 7)))
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const tensor = await ds.createTensor('codes', { htype: 'text', maxChunkSize: 200_000 })
    for (let at = 0; at < values.length; at += 30_000) await tensor.extend(values.slice(at, at + 30_000))
    await ds.close()
    const back = await openDataset(path, { readOnly: true })
    expect(await back.tensor('codes').getRange(0, 90_000)).toEqual(values)
    expect((await readdir(join(path, 'codes', 'chunks'))).length).toBeGreaterThan(3)
    await back.close()
  })

  it('packs JSON batches, plain and custom values alike, and reads them back', async () => {
    const values: unknown[] = Array.from({ length: 2500 }, (_, i) =>
      i % 11 === 0
        ? null
        : i % 13 === 0
          ? { raw: new Uint8Array([i % 256, 1, 2]), tiny: 1e-7 * i }
          : { id: i, score: i / 7, name: `item ${i} · café`, tags: ['a', { deep: [i, true, null] }] },
    )
    const path = join(await tempDir(), 'ds')
    const ds = await createDataset(path)
    const tensor = await ds.createTensor('meta', { htype: 'json', maxChunkSize: 8192 })
    await tensor.extend(values.slice(0, 1200))
    await tensor.extend(values.slice(1200))
    await ds.close()

    const back = await openDataset(path, { readOnly: true })
    const meta = back.tensor('meta')
    expect(meta.length).toBe(2500)
    const read = await meta.getRange(0, 2500)
    expect(read[0]).toEqual({})
    expect(read[13]).toEqual({ raw: new Uint8Array([13, 1, 2]), tiny: 1e-7 * 13 })
    expect(read[1]).toEqual(values[1])
    expect(read.filter((_, i) => i % 11 !== 0 && i % 13 !== 0)).toEqual(
      values.filter((_, i) => i % 11 !== 0 && i % 13 !== 0),
    )
    // Python's text: non-ASCII escaped, ", " and ": " separators.
    const chunks = await readdir(join(path, 'meta', 'chunks'))
    const text = Buffer.concat(
      await Promise.all(chunks.map((c) => readFile(join(path, 'meta', 'chunks', c)))),
    ).toString('latin1')
    expect(text).toContain('{"id": 1, "score": 0.14285714285714285, "name": "item 1 \\u00b7 caf\\u00e9"')
    expect(back.tensor('_meta_id').length).toBe(2500)
    await back.close()
  })

  it('a batch with a value that is not text or JSON fails on that index and stores nothing', async () => {
    const ds = await createDataset(join(await tempDir(), 'ds'))
    const tensor = await ds.createTensor('captions', { htype: 'text' })
    await tensor.extend(['one', 'two'])
    const error = await tensor.extend(['three', 4, 'five']).catch((e: unknown) => e)
    expect(isShoalError(error, 'INVALID_SAMPLE')).toBe(true)
    expect((error as { index?: number }).index).toBe(3)
    expect(tensor.length).toBe(2)
    const json = await ds.createTensor('meta', { htype: 'json' })
    const jsonError = await json.extend([{ a: 1 }, { b: Symbol('not json') }]).catch((e: unknown) => e)
    expect(isShoalError(jsonError, 'INVALID_SAMPLE')).toBe(true)
    expect((jsonError as { index?: number }).index).toBe(1)
    expect(json.length).toBe(0)
    await ds.close()
  })
})
