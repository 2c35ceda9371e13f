import { read } from '@shoal/core'
import { describe, expect, it } from 'vitest'
import type { MeshSample, PointCloudSample } from '../src/index.js'
import { expectShoalError, memoryDataset, values } from './helpers/dataset.js'
import { CUBE, samplePoints, writeLas, writePly, writeStl } from './helpers/files.js'

const OFFSET = [500000, 4100000, 0] as const

describe('point_cloud (las)', () => {
  it('stores the file as it is and decodes (points, 3) coordinates; fields on request', async () => {
    const ds = await memoryDataset()
    const pc = await ds.createTensor('pc', { htype: 'point_cloud', sampleCompression: 'las' })
    const points = samplePoints(40)
    const file = writeLas(points, { offset: OFFSET })
    await pc.append(await read(file, { name: 'scan.las' }))
    expect(await pc.getBytes(0)).toEqual(file)
    // Deep Lake's stored shape: (points, the 18 laspy dimensions of point format 2)
    expect(pc.shape).toEqual([1, 40, 18])
    const plain = (await pc.get(0)) as PointCloudSample
    expect(plain.shape).toEqual([40, 3])
    expect(plain.dtype).toBe('float32')
    expect(plain.fields).toBeUndefined()
    expect(values(plain).slice(0, 3)).toEqual([
      Math.fround(points[0]!.x),
      Math.fround(points[0]!.y),
      Math.fround(points[0]!.z),
    ])
    const full = (await pc.get(0, { fields: true })) as PointCloudSample
    expect(values(full.fields!.intensity)).toEqual(points.map((p) => p.intensity))
    expect(values(full.fields!.classification)).toEqual(points.map((p) => p.classification))
    // 16-bit colour kept whole (loaders.gl's default would keep only the low byte of 600)
    expect(values(full.fields!.color).slice(0, 6)).toEqual([...points[0]!.rgb!, ...points[1]!.rgb!])
    const some = (await pc.get(0, { fields: ['intensity'] })) as PointCloudSample
    expect(Object.keys(some.fields!)).toEqual(['intensity'])
    const info = await pc.sampleInfo(0)
    expect(info).toMatchObject({ format: 'las', filename: 'scan.las', modified: false, shape: [40, 18] })
    expect((info.las_header as { point_count: number }).point_count).toBe(40)
  })

  it('keeps georeferenced precision in a float64 tensor', async () => {
    const ds = await memoryDataset()
    const pc = await ds.createTensor('pc', {
      htype: 'point_cloud',
      sampleCompression: 'las',
      dtype: 'float64',
    })
    const points = samplePoints(5)
    await pc.append(
      await read(writeLas(points, { offset: OFFSET, scale: [0.001, 0.001, 0.001] }), { name: 'a.las' }),
    )
    const got = values(await pc.get(0))
    for (const [i, p] of points.entries()) {
      expect(got[i * 3]).toBeCloseTo(p.x, 6)
      expect(got[i * 3 + 1]).toBeCloseTo(p.y, 6)
    }
  })

  it('reads point formats 0, 1 and 3 (colour only where the format has it)', async () => {
    const ds = await memoryDataset()
    const pc = await ds.createTensor('pc', { htype: 'point_cloud', sampleCompression: 'las' })
    const points = samplePoints(3)
    for (const pointFormat of [0, 1, 3] as const)
      await pc.append(await read(writeLas(points, { pointFormat }), { name: 'f.las' }))
    expect(await pc.sampleShape(0)).toEqual([3, 15])
    expect(await pc.sampleShape(1)).toEqual([3, 16])
    expect(await pc.sampleShape(2)).toEqual([3, 19])
    expect(((await pc.get(0, { fields: true })) as PointCloudSample).fields!.color).toBeUndefined()
    expect(
      values(((await pc.get(2, { fields: true })) as PointCloudSample).fields!.color).slice(0, 3),
    ).toEqual([...points[0]!.rgb!])
  })

  it('stores raw (points, dims) arrays without compression', async () => {
    const ds = await memoryDataset()
    const pc = await ds.createTensor('raw', { htype: 'point_cloud' })
    await pc.append({ dtype: 'float32', shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) })
    expect(values(await pc.get(0))).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('refuses corrupt and truncated LAS files and bad field requests; nothing written', async () => {
    const ds = await memoryDataset()
    const pc = await ds.createTensor('pc', { htype: 'point_cloud', sampleCompression: 'las' })
    const good = writeLas(samplePoints(10))
    await pc.append(await read(good, { name: 'good.las' }))
    await expectShoalError(
      pc.append(await read(good.subarray(0, good.byteLength - 7), { name: 'cut.las' })),
      'INVALID_SAMPLE',
      ['"pc"', 'sample 1', 'truncated'],
    )
    await expectShoalError(
      pc.append(await read(good.subarray(0, 100), { name: 'head.las' })),
      'INVALID_SAMPLE',
      ['"pc"', 'sample 1'],
    )
    const garbage = new Uint8Array(500).fill(7)
    await expectShoalError(pc.append(await read(garbage, { name: 'junk.las' })), 'INVALID_SAMPLE', [
      '"pc"',
      'sample 1',
      'junk.las',
    ])
    const badFormat = good.slice()
    badFormat[104] = 9
    await expectShoalError(pc.append(await read(badFormat, { name: 'f9.las' })), 'INVALID_SAMPLE', [
      'point format 9',
    ])
    await expectShoalError(
      pc.append({ dtype: 'float32', shape: [2, 3], data: new Float32Array(6) }),
      'UNSUPPORTED',
      ['"pc"'],
    )
    expect(pc.length).toBe(1)
    await expectShoalError(pc.get(0, { fields: ['height'] }), 'INVALID_ARGUMENT', ['"pc"', 'height'])
  })
})

describe('mesh (ply)', () => {
  for (const format of ['ascii', 'binary_little_endian'] as const) {
    it(`stores a ${format} PLY and decodes vertices; faces on request`, async () => {
      const ds = await memoryDataset()
      const mesh = await ds.createTensor('mesh', { htype: 'mesh' })
      expect(mesh.meta.sampleCompression).toBe('ply')
      const file = writePly(CUBE, format)
      await mesh.append(await read(file, { name: 'cube.ply' }))
      expect(await mesh.getBytes(0)).toEqual(file)
      // Deep Lake's stored shape: (vertices, x y z red green blue + n_points v1 v2 v3 + count type)
      expect(await mesh.sampleShape(0)).toEqual([8, 11])
      const plain = (await mesh.get(0)) as MeshSample
      expect(plain.shape).toEqual([8, 3])
      expect(values(plain)).toEqual(CUBE.vertices)
      expect(plain.faces).toBeUndefined()
      const withFaces = (await mesh.get(0, { faces: true })) as MeshSample
      expect(withFaces.faces!.shape).toEqual([12, 3])
      expect(values(withFaces.faces)).toEqual(CUBE.faces)
      expect(await mesh.sampleInfo(0)).toMatchObject({ fmt: format, vertex: 8, face: 12, extension: 'ply' })
    })
  }

  it('reads a point-only PLY (no faces)', async () => {
    const ds = await memoryDataset()
    const mesh = await ds.createTensor('mesh', { htype: 'mesh', sampleCompression: 'ply' })
    await mesh.append(
      await read(writePly({ vertices: [1, 2, 3, 4, 5, 6], faces: [] }, 'binary_little_endian'), {
        name: 'p.ply',
      }),
    )
    expect(await mesh.sampleShape(0)).toEqual([2, 3])
    const got = (await mesh.get(0, { faces: true })) as MeshSample
    expect(values(got)).toEqual([1, 2, 3, 4, 5, 6])
    expect(got.faces!.shape).toEqual([0, 3])
  })

  it('refuses corrupt and truncated PLY files; nothing written', async () => {
    const ds = await memoryDataset()
    const mesh = await ds.createTensor('mesh', { htype: 'mesh' })
    const binary = writePly(CUBE, 'binary_little_endian')
    await expectShoalError(
      mesh.append(await read(binary.subarray(0, binary.byteLength - 5), { name: 'cut.ply' })),
      'INVALID_SAMPLE',
      ['"mesh"', 'sample 0', 'truncated'],
    )
    const ascii = new TextDecoder().decode(writePly(CUBE, 'ascii'))
    const fewer = new TextEncoder().encode(ascii.split('\n').slice(0, -6).join('\n'))
    await expectShoalError(mesh.append(await read(fewer, { name: 'short.ply' })), 'INVALID_SAMPLE', [
      '"mesh"',
      'lines',
    ])
    const noEnd = new TextEncoder().encode('ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n')
    await expectShoalError(mesh.append(await read(noEnd, { name: 'noend.ply' })), 'INVALID_SAMPLE', [
      'end_header',
    ])
    const words = new TextEncoder().encode(ascii.replace('\n0 0 0', '\nzero 0 0'))
    await expectShoalError(mesh.append(await read(words, { name: 'words.ply' })), 'INVALID_SAMPLE', [
      'not numbers',
    ])
    await expectShoalError(
      mesh.append(await read(new Uint8Array(64).fill(1), { name: 'junk.ply' })),
      'INVALID_SAMPLE',
      ['"mesh"'],
    )
    expect(mesh.length).toBe(0)
  })
})

describe('mesh (stl)', () => {
  for (const format of ['ascii', 'binary'] as const) {
    it(`stores a ${format} STL and decodes merged vertices; faces on request`, async () => {
      const ds = await memoryDataset()
      const mesh = await ds.createTensor('mesh', { htype: 'mesh', sampleCompression: 'stl' })
      const file = writeStl(CUBE, format)
      await mesh.append(await read(file, { name: 'cube.stl' }))
      expect(await mesh.getBytes(0)).toEqual(file)
      // Deep Lake's stored shape: numpy-stl's vectors (triangles, 3, 3)
      expect(await mesh.sampleShape(0)).toEqual([12, 3, 3])
      const got = (await mesh.get(0, { faces: true })) as MeshSample
      expect(got.shape).toEqual([8, 3])
      expect(got.faces!.shape).toEqual([12, 3])
      // every face rebuilt from the merged vertices is the cube's face
      const v = values(got)
      const f = values(got.faces)
      const corner = (i: number) => v.slice(i * 3, i * 3 + 3).join(',')
      const rebuilt = Array.from({ length: 12 }, (_, t) =>
        [0, 1, 2].map((c) => corner(f[t * 3 + c]!)).join(' '),
      )
      const expected = Array.from({ length: 12 }, (_, t) =>
        [0, 1, 2]
          .map((c) =>
            CUBE.vertices.slice(CUBE.faces[t * 3 + c]! * 3, CUBE.faces[t * 3 + c]! * 3 + 3).join(','),
          )
          .join(' '),
      )
      expect(rebuilt).toEqual(expected)
      expect(await mesh.sampleInfo(0)).toMatchObject({ extension: 'stl', min_: [0, 0, 0], max_: [1, 1, 1] })
    })
  }

  it('refuses corrupt and truncated STL files; nothing written', async () => {
    const ds = await memoryDataset()
    const mesh = await ds.createTensor('mesh', { htype: 'mesh', sampleCompression: 'stl' })
    const binary = writeStl(CUBE, 'binary')
    await expectShoalError(
      mesh.append(await read(binary.subarray(0, binary.byteLength - 10), { name: 'cut.stl' })),
      'INVALID_SAMPLE',
      ['"mesh"', 'sample 0', 'cut.stl'],
    )
    const ascii = new TextDecoder().decode(writeStl(CUBE, 'ascii'))
    await expectShoalError(
      mesh.append(await read(new TextEncoder().encode(ascii.slice(0, 300)), { name: 'cut-ascii.stl' })),
      'INVALID_SAMPLE',
      ['endsolid'],
    )
    const lost = ascii.replace(/\n\s*vertex [^\n]*/, '')
    await expectShoalError(
      mesh.append(await read(new TextEncoder().encode(lost), { name: 'lost.stl' })),
      'INVALID_SAMPLE',
      ['12 facets but 35 vertices'],
    )
    await expectShoalError(
      mesh.append(await read(new Uint8Array(20), { name: 'tiny.stl' })),
      'INVALID_SAMPLE',
      ['"mesh"'],
    )
    expect(mesh.length).toBe(0)
  })
})
