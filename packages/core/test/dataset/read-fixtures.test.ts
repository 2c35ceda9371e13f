import { afterAll, describe, expect, it } from 'vitest'
import { defineHtype } from '../../src/htype/contract.js'
import { openDataset } from '../../src/index.js'
import type { NDArray } from '../../src/ndarray.js'
import { cleanTemps, expected, fixture } from '../helpers/fixtures.js'

afterAll(cleanTemps)

const values = (array: NDArray) => Array.from(array.data as ArrayLike<number>, Number)

describe('reading Python-written fixtures', () => {
  it('lists visible tensors in creation order, hiding companions', async () => {
    const ds = await openDataset(fixture('generic'), { readOnly: true })
    const spec = await expected('generic')
    expect([...ds.tensorNames].sort()).toEqual([...(spec.tensor_names as string[])].sort())
    expect(ds.tensorNames.some((n) => n.startsWith('_'))).toBe(false)
    expect(ds.tensor('_int32_1d_id').meta.hidden).toBe(true)
    expect(ds.version).toBe('firstdbf9474d461a19e9333c2fd19b46115348f')
    expect(ds.branches).toEqual(['main'])
    await ds.close()
  })

  it('reads numeric samples of every dtype as views with the stored shape', async () => {
    const ds = await openDataset(fixture('generic'), { readOnly: true })
    const t = ds.tensor('int32_1d')
    expect(t.htype).toBe('generic')
    expect(t.dtype).toBe('int32')
    expect(t.length).toBe(4)
    expect(t.shape).toEqual([4, null])
    const first = (await t.get(0)) as NDArray
    expect(first.shape).toEqual([3])
    expect(values(first)).toEqual([0, 1, 2])
    expect(first.data).toBeInstanceOf(Int32Array)
    const u64 = (await ds.tensor('dtype_uint64').get(0)) as NDArray
    expect(Array.from(u64.data as BigUint64Array)).toEqual([869n, 0n, 9007199254740992n])
    const scalar = (await ds.tensor('int64_scalar').get(0)) as NDArray
    expect(scalar.shape).toEqual([1])
    await ds.close()
  })

  it('reads text, json and list payloads, lz4 included', async () => {
    const ds = await openDataset(fixture('text_json_list'), { readOnly: true })
    expect(await ds.tensor('text').get(2)).toBe('héllo wörld ✓ 日本語')
    expect(await ds.tensor('text_lz4').get(1)).toBe('')
    expect(await ds.tensor('json_lz4').get(3)).toEqual({
      float: 1.5,
      neg: -3,
      bool: true,
      null: null,
      unicode: 'ü',
    })
    expect(await ds.tensor('list').get(2)).toEqual([1, 2.5, 'x'])
    const all: unknown[] = []
    for await (const value of ds.tensor('json')) all.push(value)
    expect(all).toHaveLength(4)
    expect(await ds.tensor('text').getRange(0, 2)).toEqual(['hello', ''])
    await ds.close()
  })

  it('reads empty samples with zero shapes', async () => {
    const ds = await openDataset(fixture('empty_samples'), { readOnly: true })
    const empty = (await ds.tensor('float_2d').get(1)) as NDArray
    expect(empty.shape).toEqual([0, 0])
    expect(empty.data.length).toBe(0)
    expect(await ds.tensor('json').get(1)).toEqual({})
    expect(await ds.tensor('list').get(1)).toEqual([])
    expect(await ds.tensor('text').get(2)).toBe('')
    await ds.close()
  })

  it('gives class label names from tensor_info.json', async () => {
    const ds = await openDataset(fixture('annotations'), { readOnly: true })
    const labels = ds.tensor('labels')
    expect(labels.info.class_names).toEqual(['cat', 'dog', 'bird'])
    expect(await labels.labelNames(0)).toEqual(['dog'])
    await ds.close()
  })

  it('reads sequences item by item', async () => {
    const ds = await openDataset(fixture('sequences'), { readOnly: true })
    const spec = await expected('sequences')
    const t = ds.tensor('seq_int')
    expect(t.htype).toBe('sequence[generic]')
    expect(t.length).toBe(spec.tensors.seq_int.length)
    const items = (await t.get(0)) as NDArray[]
    expect(items.map(values)).toEqual(
      spec.tensors.seq_int.samples[0].items.map((i: { values: number[] }) => i.values),
    )
    const labels = ds.tensor('seq_class_label')
    expect(await labels.labelNames(0)).toEqual(
      spec.tensors.seq_class_label.samples[0].items.map((i: { values: number[] }) => [
        spec.tensors.seq_class_label.info.class_names[i.values[0]!],
      ]),
    )
    await ds.close()
  })

  it('reads multi-chunk and tiled tensors', async () => {
    const ds = await openDataset(fixture('chunks_tiles'), { readOnly: true })
    const spec = await expected('chunks_tiles')
    const many = ds.tensor('many_chunks_lz4')
    expect(many.length).toBe(48)
    const last = (await many.get(47)) as NDArray
    expect(last.shape).toEqual(spec.tensors.many_chunks_lz4.samples[47].shape)
    const tiled = (await ds.tensor('tiled_generic').get(0)) as NDArray
    expect(tiled.shape).toEqual([40, 40])
    expect(await ds.tensor('many_chunks_text').get(99)).toBe(spec.tensors.many_chunks_text.samples[99].value)
    await ds.close()
  })

  it('walks version control: branches, commits and chunk maps', async () => {
    const spec = (await expected('version_control')) as any
    const head = await openDataset(fixture('version_control'), { readOnly: true })
    expect([...head.branches].sort()).toEqual(['alt', 'main'])
    expect(head.commits.map((c) => c.message)).toEqual(['second commit', 'first commit'])
    expect(head.branch).toBe('main')
    await head.close()
    for (const version of spec.versions) {
      const ds = await openDataset(fixture('version_control'), { readOnly: true, version: version.checkout })
      for (const [name, tensor] of Object.entries<any>(version.tensors)) {
        expect(ds.tensor(name).length, `${version.checkout}/${name}`).toBe(tensor.length)
        const lastSpec = tensor.samples[tensor.length - 1]
        const last = await ds.tensor(name).get(tensor.length - 1)
        if ('value' in lastSpec) expect(last).toEqual(lastSpec.value)
        else expect(values(last as NDArray)).toEqual(lastSpec.values)
      }
      await ds.close()
    }
  })

  it('reads polygons and masks once their htypes are supplied', async () => {
    // The geometry and image packages provide these htypes; core's engine does the decoding.
    const polygon = defineHtype({
      specVersion: 1,
      name: 'polygon',
      providedBy: 'test',
      layout: 'polygon',
      defaultDtype: 'float32',
    })
    const mask = defineHtype({
      specVersion: 1,
      name: 'segment_mask',
      providedBy: 'test',
      layout: 'array',
      defaultDtype: 'uint32',
    })
    const ds = await openDataset(fixture('annotations'), { readOnly: true, htypes: [polygon, mask] })
    const spec = await expected('annotations')
    const polygons = (await ds.tensor('polygons').get(0)) as NDArray[]
    const want = spec.tensors.polygons.samples[0].polygons
    expect(polygons.map((p) => p.shape)).toEqual(want.map((p: { shape: number[] }) => p.shape))
    expect(values(polygons[0]!)).toEqual(want[0].values.flat())
    const seg = (await ds.tensor('seg_mask').get(1)) as NDArray
    expect(seg.shape).toEqual(spec.tensors.seg_mask.samples[1].shape)
    expect(values(seg)).toEqual(spec.tensors.seg_mask.samples[1].values.flat())
    await ds.close()
  })

  it('returns stored link paths and fails with the package name when the linked format is missing', async () => {
    const ds = await openDataset(fixture('links'), { readOnly: true, linkBase: fixture('.') })
    expect(() => ds.tensor('link_image')).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_HTYPE', plugin: '@shoal/htype-image' }),
    )
    await ds.close()
  })
})
