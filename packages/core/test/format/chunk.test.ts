import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ChunkHeader,
  checkBytePositions,
  chunkHeaderSize,
  encodeChunk,
  parseChunk,
  sampleByteRange,
  sampleShape,
} from '../../src/format/chunk.js'
import { chunkName, findChunks, parseChunkIds } from '../../src/format/chunk-id-encoder.js'
import { BytePositionsBuilder, emptyTable, ShapeTableBuilder } from '../../src/format/index-table.js'
import { parseTiles } from '../../src/format/tile-encoder.js'
import {
  expectShoalError,
  filesIn,
  fixture,
  fixtureDirsNamed,
  fixtureJson,
  hex,
  misaligned,
  onlyFile,
  toHex,
} from './helpers.js'

// Spec §2.3: int32 samples [1,2,3] and [4,5], 79 bytes.
const SPEC_EXAMPLE = hex(`
  06 33 2e 39 2e 35 32
  02 00 00 00 02 00 00 00
  03 00 00 00 00 00 00 00
  02 00 00 00 01 00 00 00
  02 00 00 00
  0c 00 00 00 00 00 00 00 00 00 00 00
  08 00 00 00 0c 00 00 00 01 00 00 00
  01 00 00 00 02 00 00 00 03 00 00 00
  04 00 00 00 05 00 00 00`)

function int32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(values).buffer)
}

describe('chunk format', () => {
  it('reproduces the spec §2.3 example byte for byte', () => {
    const shapes = new ShapeTableBuilder(1)
    const positions = new BytePositionsBuilder()
    const samples = [int32Bytes([1, 2, 3]), int32Bytes([4, 5])]
    for (const sample of samples) {
      shapes.appendShape([sample.byteLength / 4])
      positions.append(sample.byteLength)
    }
    const bytes = encodeChunk({
      version: '3.9.52',
      shapes: shapes.toTable(),
      bytePositions: positions.toTable(),
      data: samples,
    })
    expect(bytes.byteLength).toBe(79)
    expect(toHex(bytes)).toBe(toHex(SPEC_EXAMPLE))
    expect(
      toHex(
        encodeChunk({
          shapes: shapes.toTable(),
          bytePositions: positions.toTable(),
          data: SPEC_EXAMPLE.subarray(59),
        }),
      ),
    ).toBe(toHex(SPEC_EXAMPLE))
  })

  it('parses the spec example back, aligned or not', () => {
    for (const input of [SPEC_EXAMPLE, misaligned(SPEC_EXAMPLE)]) {
      const header = parseChunk(input, 'x/chunks/dab49a777cf443bb')
      expect(header.version).toBe('3.9.52')
      expect(header.dataOffset).toBe(59)
      expect(sampleShape(header, 0)).toEqual([3])
      expect(sampleShape(header, 1)).toEqual([2])
      expect(sampleShape(header, 2)).toBeUndefined()
      expect(sampleByteRange(header, 0)).toEqual({ start: 0, end: 12 })
      expect(sampleByteRange(header, 1)).toEqual({ start: 12, end: 20 })
      expect(sampleByteRange(header, 2)).toBeUndefined()
      const data = input.subarray(header.dataOffset)
      const range = sampleByteRange(header, 1)!
      expect(Array.from(new Int32Array(data.slice(range.start, range.end).buffer))).toEqual([4, 5])
      checkBytePositions(header, data.byteLength)
    }
  })

  it('knows the header size from a prefix', () => {
    expect(chunkHeaderSize(SPEC_EXAMPLE.subarray(0, 0))).toBeUndefined()
    expect(chunkHeaderSize(SPEC_EXAMPLE.subarray(0, 14))).toBeUndefined()
    expect(chunkHeaderSize(SPEC_EXAMPLE.subarray(0, 15))).toBeUndefined()
    expect(chunkHeaderSize(SPEC_EXAMPLE.subarray(0, 34))).toBeUndefined()
    expect(chunkHeaderSize(SPEC_EXAMPLE.subarray(0, 35))).toBe(59)
    expect(chunkHeaderSize(SPEC_EXAMPLE)).toBe(59)
  })

  it('treats a 0-byte chunk as empty and writes empty tables as 0 × 0', () => {
    const header = parseChunk(new Uint8Array(0))
    expect(header.dataOffset).toBe(0)
    expect(header.shapes.rows).toBe(0)
    expect(header.bytePositions.rows).toBe(0)
    expect(sampleShape(header, 0)).toBeUndefined()
    const bytes = encodeChunk({
      shapes: emptyTable(3),
      bytePositions: emptyTable(3),
      data: new Uint8Array([9]),
    })
    expect(toHex(bytes)).toBe(`06${toHex(new TextEncoder().encode('3.9.52'))}${'00'.repeat(12)}09`)
    expect(parseChunk(bytes).dataOffset).toBe(19)
  })

  it('rejects truncated and inconsistent headers with CORRUPT_CHUNK naming the key', () => {
    const key = 'x/chunks/dab49a777cf443bb'
    for (const length of [1, 5, 10, 15, 30, 34, 40, 58]) {
      expectShoalError(() => parseChunk(SPEC_EXAMPLE.subarray(0, length), key), 'CORRUPT_CHUNK', key)
    }
    const bad = (patch: (view: DataView) => void) => {
      const copy = SPEC_EXAMPLE.slice()
      patch(new DataView(copy.buffer))
      return copy
    }
    // R·C beyond the buffer, including values whose product overflows 32 bits.
    expectShoalError(
      () =>
        parseChunk(
          bad((v) => v.setInt32(7, 0x7fff_ffff, true)),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
    expectShoalError(
      () =>
        parseChunk(
          bad((v) => {
            v.setInt32(7, 0x10000, true)
            v.setInt32(11, 0x10000, true)
          }),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
    expectShoalError(
      () =>
        parseChunk(
          bad((v) => v.setInt32(7, -1, true)),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
    // C == 0 with R > 0.
    expectShoalError(
      () =>
        parseChunk(
          bad((v) => v.setInt32(11, 0, true)),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
    // N rows beyond the end.
    expectShoalError(
      () =>
        parseChunk(
          bad((v) => v.setUint32(31, 6, true)),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
    expectShoalError(
      () =>
        parseChunk(
          bad((v) => v.setUint32(31, 0xffff_ffff, true)),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
    // Version length beyond the end.
    expectShoalError(
      () =>
        parseChunk(
          bad((v) => v.setUint8(0, 200)),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
    // Decreasing last indices in the shape table.
    expectShoalError(
      () =>
        parseChunk(
          bad((v) => {
            v.setUint32(27, 0, true)
            v.setUint32(19, 1, true)
          }),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
    expectShoalError(
      () =>
        chunkHeaderSize(
          bad((v) => v.setInt32(7, -4, true)),
          key,
        ),
      'CORRUPT_CHUNK',
      key,
    )
  })

  it('checks byte positions against the data section separately', () => {
    const key = 'x/chunks/a'
    const header = parseChunk(SPEC_EXAMPLE.subarray(0, 70), key)
    expectShoalError(() => checkBytePositions(header, 11, key), 'CORRUPT_CHUNK', key)
    checkBytePositions(header, 20, key)
  })

  it('property: encodeChunk → parseChunk round-trips tables and data', () => {
    const sample = fc.record({
      shape: fc.array(fc.nat(4), { minLength: 2, maxLength: 2 }),
      bytes: fc.uint8Array({ maxLength: 12 }),
    })
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 25 }),
        fc.constantFrom('3.9.52', '2.8.0', ''),
        (samples, version) => {
          const shapes = new ShapeTableBuilder(2)
          const positions = new BytePositionsBuilder()
          for (const s of samples) {
            shapes.appendShape(s.shape)
            positions.append(s.bytes.byteLength)
          }
          const bytes = encodeChunk({
            version,
            shapes: shapes.toTable(),
            bytePositions: positions.toTable(),
            data: samples.map((s) => s.bytes),
          })
          const header = parseChunk(bytes, 'k')
          expect(header.version).toBe(version)
          expect(chunkHeaderSize(bytes)).toBe(header.dataOffset)
          const data = bytes.subarray(header.dataOffset)
          checkBytePositions(header, data.byteLength, 'k')
          samples.forEach((s, i) => {
            expect(sampleShape(header, i)).toEqual(s.shape)
            const range = sampleByteRange(header, i)!
            expect(Array.from(data.subarray(range.start, range.end))).toEqual(Array.from(s.bytes))
          })
          expect(sampleByteRange(header, samples.length)).toBeUndefined()
        },
      ),
    )
  })
})

interface ExpectedSample {
  shape?: number[]
  sha256?: string
  raw_sha256?: string
  value?: unknown
  path?: string
}
interface ExpectedTensor {
  htype: string
  sample_compression: string | null
  chunk_compression: string | null
  is_sequence: boolean
  is_link: boolean
  samples: ExpectedSample[]
  length: number
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Reads every sample of a fixture tensor through the chunk-id encoder and chunk headers. */
function checkTensor(dataset: string, name: string, expected: ExpectedTensor): number {
  const ids = parseChunkIds(fixture(`${dataset}/${name}/chunks_index/unsharded`))
  const tiles = parseTiles(fixture(`${dataset}/${name}/tiles_index/unsharded`))
  const headers = new Map<string, { header: ChunkHeader; bytes: Uint8Array }>()
  const load = (row: number) => {
    const chunk = chunkName(ids.ids[row]!)
    let loaded = headers.get(chunk)
    if (!loaded) {
      const bytes = fixture(`${dataset}/${name}/chunks/${chunk}`)
      loaded = { header: parseChunk(bytes, chunk), bytes }
      headers.set(chunk, loaded)
    }
    return loaded
  }
  let checked = 0
  expected.samples.forEach((sample, index) => {
    const found = findChunks(ids, index)!
    expect(found, `${name}[${index}] has a chunk`).toBeDefined()
    if (found.count > 1 || tiles.has(index)) {
      expect(tiles.get(index)?.sampleShape).toEqual(sample.shape)
      for (let row = found.first; row < found.first + found.count; row++) {
        const { header } = load(row)
        expect(header.shapes.rows).toBe(1)
        expect(header.bytePositions.rows).toBe(0)
      }
      checked++
      return
    }
    const { header, bytes } = load(found.first)
    const local = index - (found.first === 0 ? 0 : ids.lastIndex[found.first - 1]! + 1)
    const shape = sampleShape(header, local)
    // Link chunks store paths, shape (1,); the expected shape is the linked file's.
    if (expected.is_link) expect(shape).toEqual([1])
    else if (sample.shape) expect(shape, `${name}[${index}] shape`).toEqual(sample.shape)
    if (expected.chunk_compression !== null) return
    const range = sampleByteRange(header, local)!
    const payload = bytes.subarray(header.dataOffset + range.start, header.dataOffset + range.end)
    if (expected.is_link) {
      expect(new TextDecoder().decode(payload)).toBe(sample.path)
      checked++
      return
    }
    if (expected.sample_compression === null && sample.sha256) expect(sha256(payload)).toBe(sample.sha256)
    else if (sample.raw_sha256) expect(sha256(payload)).toBe(sample.raw_sha256)
    if (expected.htype === 'text') expect(new TextDecoder().decode(payload)).toBe(sample.value)
    checked++
  })
  for (const { header, bytes } of headers.values()) {
    if (expected.chunk_compression === null) checkBytePositions(header, bytes.byteLength - header.dataOffset)
  }
  return checked
}

describe('chunks written by deeplake 3.9.52', () => {
  it('parses generic/int32_1d exactly', () => {
    const header = parseChunk(fixture(onlyFile('generic/int32_1d/chunks')))
    expect(header.version).toBe('3.9.52')
    expect(Array.from(header.shapes.data)).toEqual([3, 0, 1, 1, 5, 2, 2, 3])
    expect(Array.from(header.bytePositions.data)).toEqual([12, 0, 0, 4, 12, 1, 20, 16, 2, 8, 36, 3])
    expect(header.dataOffset).toBe(143 - 44)
  })

  it('parses the text chunk: one shape row, one byte row per sample', () => {
    const bytes = fixture(onlyFile('text_json_list/text/chunks'))
    const header = parseChunk(bytes)
    expect(Array.from(header.shapes.data)).toEqual([1, 3])
    const texts = [0, 1, 2, 3].map((i) => {
      const r = sampleByteRange(header, i)!
      return new TextDecoder().decode(bytes.subarray(header.dataOffset + r.start, header.dataOffset + r.end))
    })
    const expected = fixtureJson<{ tensors: Record<string, ExpectedTensor> }>('text_json_list.expected.json')
    expect(texts).toEqual(expected.tensors.text!.samples.map((s) => s.value))
  })

  const datasets = [
    'generic',
    'annotations',
    'chunks_tiles',
    'empty_samples',
    'text_json_list',
    'images',
    'links',
  ]
  for (const dataset of datasets) {
    it(`reads every sample of ${dataset} through chunk ids and headers`, () => {
      const expected = fixtureJson<{ tensors: Record<string, ExpectedTensor> }>(`${dataset}.expected.json`)
      let total = 0
      for (const [name, tensor] of Object.entries(expected.tensors)) {
        if (tensor.is_sequence || tensor.htype === 'polygon') continue
        total += checkTensor(dataset, name, tensor)
      }
      expect(total).toBeGreaterThan(0)
    })
  }

  it('parses every chunk file of every fixture', () => {
    let count = 0
    for (const dir of fixtureDirsNamed('chunks')) {
      for (const chunk of filesIn(dir)) {
        const header = parseChunk(fixture(chunk), chunk)
        expect(header.version).toBe('3.9.52')
        expect(header.dataOffset).toBe(
          13 + 6 + header.shapes.rows * header.shapes.cols * 4 + header.bytePositions.rows * 12,
        )
        count++
      }
    }
    expect(count).toBeGreaterThan(100)
  })
})
