import { describe, expect, it } from 'vitest'
import { isShoalError } from '../../src/errors.js'
import { parseTensorMeta, serializeTensorMeta } from '../../src/format/tensor-meta.js'
import { expectShoalError, fixture, fixturesNamed, toHex } from './helpers.js'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('tensor_meta.json', () => {
  it('round-trips every fixture byte for byte', () => {
    const paths = fixturesNamed('tensor_meta.json')
    expect(paths.length).toBeGreaterThan(150)
    for (const path of paths) {
      const bytes = fixture(path)
      expect(toHex(serializeTensorMeta(parseTensorMeta(bytes, path))), path).toBe(toHex(bytes))
    }
  })

  it('maps the spec §1.5 image example to camelCase', () => {
    const meta = parseTensorMeta(fixture('links/link_image/tensor_meta.json'))
    expect(meta).toEqual({
      htype: 'image',
      dtype: 'uint8',
      typestr: '|u1',
      minShape: [6, 8, 3],
      maxShape: [8, 10, 3],
      length: 2,
      sampleCompression: 'png',
      chunkCompression: null,
      maxChunkSize: null,
      tilingThreshold: null,
      hidden: false,
      isSequence: false,
      isLink: true,
      verify: true,
      links: {
        _link_image_id: { extend: 'extend_id', flattenSequence: false },
        _link_image_info: { extend: 'extend_info', flattenSequence: true, update: 'update_info' },
        _link_image_shape: { extend: 'extend_shape', flattenSequence: true, update: 'update_shape' },
      },
      name: 'link_image',
      version: '3.9.52',
      extra: { _info: ['intrinsics'], intrinsics: null },
    })
  })

  it('keeps htype extras such as class_names and tiling settings', () => {
    const labels = parseTensorMeta(fixture('annotations/labels/tensor_meta.json'))
    expect(labels.extra).toMatchObject({
      _info: ['class_names'],
      class_names: [],
      _disable_temp_transform: false,
    })
    const tiled = parseTensorMeta(fixture('chunks_tiles/tiled_generic/tensor_meta.json'))
    expect([tiled.maxChunkSize, tiled.tilingThreshold]).toEqual([4096, 2048])
    const hidden = parseTensorMeta(fixture('generic/_int32_1d_shape/tensor_meta.json'))
    expect(hidden.hidden).toBe(true)
    expect(hidden.maxChunkSize).toBe(4_000_000)
  })

  it('applies the backward-compatibility defaults for old files', () => {
    const old = {
      htype: 'generic',
      dtype: 'int32',
      min_shape: [2],
      max_shape: [3],
      length: 2,
      sample_compression: null,
      max_chunk_size: null,
      name: 'x',
      version: '2.5.0',
      links: { _x_id: { append: 'append_id', flatten_sequence: false } },
    }
    const meta = parseTensorMeta(utf8(JSON.stringify(old)))
    expect(meta).toMatchObject({
      chunkCompression: null,
      typestr: null,
      hidden: false,
      isLink: false,
      isSequence: false,
      verify: false,
      tilingThreshold: null,
      links: { _x_id: { extend: 'extend_id', flattenSequence: false } },
      extra: {},
    })
    const rankZero = parseTensorMeta(
      utf8(JSON.stringify({ ...old, min_shape: [], max_shape: [], version: '2.0.3' })),
    )
    expect([rankZero.minShape, rankZero.maxShape]).toEqual([[1], [1]])
    // Only those old versions: a 3.x link tensor without a shape tensor keeps [] with data.
    const link = parseTensorMeta(
      utf8(JSON.stringify({ ...old, min_shape: [], max_shape: [], version: '3.9.52' })),
    )
    expect(link.minShape).toEqual([])
    const bare = parseTensorMeta(utf8('{"htype": null, "dtype": null}'))
    expect(bare).toMatchObject({ length: 0, minShape: [], links: {}, name: null, version: '3.9.52' })
  })

  it('rejects malformed files with INVALID_METADATA naming the key and field', () => {
    const key = 'x/tensor_meta.json'
    expectShoalError(() => parseTensorMeta(utf8('{"length": '), key), 'INVALID_METADATA', key)
    expectShoalError(() => parseTensorMeta(utf8('[1]'), key), 'INVALID_METADATA', key)
    expectShoalError(() => parseTensorMeta(new Uint8Array([0xff, 0xfe]), key), 'INVALID_METADATA', key)
    const cases: [Record<string, unknown>, string][] = [
      [{ length: '2' }, 'length'],
      [{ length: -1 }, 'length'],
      [{ length: 1.5 }, 'length'],
      [{ min_shape: [1, -2], max_shape: [1, 2] }, 'min_shape'],
      [{ max_shape: 'big' }, 'max_shape'],
      [{ dtype: 5 }, 'dtype'],
      [{ htype: ['image'] }, 'htype'],
      [{ hidden: 'no' }, 'hidden'],
      [{ links: [] }, 'links'],
      [{ min_shape: [1], max_shape: [1, 2] }, 'min_shape'],
      [{ links: { _x: { flatten_sequence: true } } }, 'extend'],
    ]
    for (const [fields, field] of cases) {
      try {
        parseTensorMeta(utf8(JSON.stringify(fields)), key)
        expect.unreachable(`${JSON.stringify(fields)} should fail`)
      } catch (error) {
        expect(isShoalError(error, 'INVALID_METADATA'), String(error)).toBe(true)
        expect((error as Error).message).toContain(key)
        expect((error as Error).message).toContain(field)
      }
    }
  })

  it('reads NaN written by Python in extras', () => {
    const meta = parseTensorMeta(utf8('{"length": 1, "intrinsics": [NaN, Infinity, -Infinity]}'))
    expect(meta.extra.intrinsics).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
    expect(new TextDecoder().decode(serializeTensorMeta(meta))).toContain(
      '"intrinsics": [\n        NaN,\n        Infinity,\n        -Infinity\n    ]',
    )
  })
})
