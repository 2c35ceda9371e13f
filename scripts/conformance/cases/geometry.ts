/**
 * Geometry datasets for `pnpm conformance:write`: every htype @shoal/htype-geometry writes, with
 * expectations computed from the inputs. Point clouds and meshes are files made here by the
 * package's test writers and stored as they are, so they are checked by their stored bytes
 * (`raw_sha256`): Shoal decodes (points, 3) where Deep Lake returns every dimension.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Dataset, read } from '@shoal/core'
import {
  CUBE,
  samplePoints,
  writeLas,
  writePly,
  writeStl,
} from '../../../packages/htype-geometry/test/helpers/files.js'
import { sha256Bytes } from '../compare.js'
import { arrayRecord, seeded } from '../record.js'
import type { ArraySampleSpec, DatasetSpec, TensorSpec } from '../schema.js'
import type { WriteCase } from '../write-datasets.js'

const base = (htype: string, dtype: string, extra: Partial<TensorSpec>): TensorSpec => ({
  htype,
  dtype,
  sample_compression: null,
  chunk_compression: null,
  is_sequence: htype.startsWith('sequence['),
  is_link: false,
  ...extra,
})

/** Random float32 rows of `width` numbers, rounded to 0.1 so they print cleanly. */
function rows(count: number, width: number, random: () => number, scale = 100): number[][] {
  return Array.from({ length: count }, () =>
    Array.from({ length: width }, () => Math.round(random() * scale * 10) / 10),
  )
}

const f32 = (values: number[][], shape: number[]): ArraySampleSpec =>
  arrayRecord(Float32Array.from(values.flat()), shape)
const i32 = (values: number[][], shape: number[]): ArraySampleSpec =>
  arrayRecord(Int32Array.from(values.flat()), shape)

const annotations: WriteCase = {
  name: 'shoal_geometry',
  async write(ds: Dataset): Promise<DatasetSpec> {
    const tensors: Record<string, TensorSpec> = {}
    const random = seeded(606)

    // bbox with coords; sample 1 holds zero boxes, given as [] and as an empty (0, 4) array
    const boxInputs = [rows(2, 4, random), [], rows(3, 4, random), rows(1, 4, random)]
    const boxes = await ds.createTensor('boxes', { htype: 'bbox', coords: { type: 'pixel', mode: 'LTRB' } })
    await boxes.extend([
      boxInputs[0],
      boxInputs[1],
      { dtype: 'float32', shape: [0, 4], data: new Float32Array(0) },
    ])
    await boxes.extend([boxInputs[2], boxInputs[3]])
    const boxSamples = [boxInputs[0]!, [], [], boxInputs[2]!, boxInputs[3]!]
    tensors.boxes = base('bbox', 'float32', {
      length: 5,
      info: { coords: { type: 'pixel', mode: 'LTRB' } },
      samples: boxSamples.map((b) => f32(b, [b.length, 4])),
    })

    // bbox without coords: info.coords stays {} (readers infer the convention)
    const yolo = [[0.5, 0.5, 0.25, 0.125]]
    await (await ds.createTensor('boxes_yolo', { htype: 'bbox' })).append(yolo)
    tensors.boxes_yolo = base('bbox', 'float32', {
      length: 1,
      info: { coords: {} },
      samples: [f32(yolo, [1, 4])],
    })

    const center = [rows(2, 9, random), []]
    await (await ds.createTensor('boxes_3d', { htype: 'bbox.3d', coords: { mode: 'center' } })).extend(center)
    tensors.boxes_3d = base('bbox.3d', 'float32', {
      length: 2,
      info: { coords: { mode: 'center' } },
      samples: [f32(center[0]!, [2, 9]), f32([], [0, 9])],
    })

    const corners = rows(16, 3, random)
    const vertex = await ds.createTensor('boxes_3d_vertex', { htype: 'bbox.3d', coords: { mode: 'vertex' } })
    await vertex.append([corners.slice(0, 8), corners.slice(8)])
    tensors.boxes_3d_vertex = base('bbox.3d', 'float32', {
      length: 1,
      info: { coords: { mode: 'vertex' } },
      samples: [f32(corners, [2, 8, 3])],
    })

    const k = [
      [500, 0, 320],
      [0, 500, 240],
      [0, 0, 1],
    ]
    const kk = [k, k.map((r) => r.map((v) => v / 2))]
    const intrinsics = await ds.createTensor('intrinsics', { htype: 'intrinsics' })
    await intrinsics.append(k)
    const many = await ds.createTensor('intrinsics_many', { htype: 'intrinsics' })
    await many.append(kk)
    tensors.intrinsics = base('intrinsics', 'float32', { length: 1, samples: [f32(k, [3, 3])] })
    tensors.intrinsics_many = base('intrinsics', 'float32', {
      length: 1,
      samples: [f32(kk.flat(), [2, 3, 3])],
    })

    const p2 = [
      [
        [1, 2],
        [-3, 4],
      ],
      [[5, 6]],
      [],
    ]
    await (await ds.createTensor('points', { htype: 'point' })).extend(p2)
    tensors.points = base('point', 'int32', { length: 3, samples: p2.map((p) => i32(p, [p.length, 2])) })
    const p3 = [
      [
        [1, 2, 3],
        [4, 5, -6],
        [7, 8, 9],
      ],
    ]
    await (await ds.createTensor('points_3d', { htype: 'point' })).extend(p3)
    tensors.points_3d = base('point', 'int32', { length: 1, samples: [i32(p3[0]!, [3, 3])] })

    const polygons = [
      [rows(3, 2, random), rows(5, 2, random)],
      [rows(4, 2, random)],
      [rows(3, 3, random), rows(4, 3, random)],
    ]
    await (await ds.createTensor('polygons', { htype: 'polygon' })).extend(polygons)
    tensors.polygons = base('polygon', 'float32', {
      length: polygons.length,
      samples: polygons.map((sample) => ({ polygons: sample.map((p) => f32(p, [p.length, p[0]!.length])) })),
    })

    const names = ['nose', 'left_eye', 'right_eye']
    const connections = [
      [0, 1],
      [0, 2],
    ]
    const kp = [
      [
        [28, 3],
        [47, 25],
        [2, 1],
        [34, 45],
        [25, 20],
        [0, 2],
        [6, 8],
        [17, 27],
        [1, 0],
      ],
      [[2], [12], [0], [43], [48], [0], [44], [5], [2]],
    ]
    await (
      await ds.createTensor('keypoints', { htype: 'keypoints_coco', keypoints: names, connections })
    ).extend(kp)
    tensors.keypoints = base('keypoints_coco', 'int32', {
      length: 2,
      info: { keypoints: names, connections },
      samples: kp.map((s) => i32(s, [9, s[0]!.length])),
    })

    const seq = [[rows(1, 4, random), [], rows(2, 4, random)], [rows(3, 4, random)]]
    await (
      await ds.createTensor('seq_boxes', {
        htype: 'sequence[bbox]',
        coords: { type: 'fractional', mode: 'CCWH' },
      })
    ).extend(seq)
    tensors.seq_boxes = base('sequence[bbox]', 'float32', {
      length: 2,
      info: { coords: { type: 'fractional', mode: 'CCWH' } },
      samples: seq.map((items) => ({ items: items.map((b) => f32(b, [b.length, 4])) })),
    })
    return { dataset: 'shoal_geometry', tensor_names: Object.keys(tensors), tensors }
  },
}

/** Stores files by path and expects their exact bytes back. */
async function storeFiles(
  ds: Dataset,
  dir: string,
  name: string,
  htype: string,
  compression: string,
  files: { file: Uint8Array; ext: string }[],
): Promise<TensorSpec> {
  const tensor = await ds.createTensor(name, { htype, sampleCompression: compression })
  for (const [i, { file, ext }] of files.entries()) {
    const path = join(dir, `${name}_${i}.${ext}`)
    await writeFile(path, file)
    await tensor.append(await read(path))
  }
  return base(htype, 'float32', {
    sample_compression: compression,
    length: files.length,
    samples: files.map(({ file }) => ({ raw_sha256: sha256Bytes(file) })),
  })
}

const files: WriteCase = {
  name: 'shoal_geometry_files',
  async write(ds: Dataset, context): Promise<DatasetSpec> {
    const assets = join(context.dir, 'shoal_geometry_files_assets')
    await mkdir(assets, { recursive: true })
    const tensors: Record<string, TensorSpec> = {}
    tensors.point_cloud = await storeFiles(ds, assets, 'point_cloud', 'point_cloud', 'las', [
      { file: writeLas(samplePoints(50), { offset: [500000, 4100000, 0] }), ext: 'las' },
      { file: writeLas(samplePoints(7, 3), { pointFormat: 0 }), ext: 'las' },
    ])
    tensors.mesh_ply = await storeFiles(ds, assets, 'mesh_ply', 'mesh', 'ply', [
      { file: writePly(CUBE, 'binary_little_endian'), ext: 'ply' },
      { file: writePly({ vertices: CUBE.vertices, faces: [] }, 'binary_little_endian'), ext: 'ply' },
    ])
    tensors.mesh_ply_ascii = await storeFiles(ds, assets, 'mesh_ply_ascii', 'mesh', 'ply', [
      { file: writePly(CUBE, 'ascii'), ext: 'ply' },
    ])
    tensors.mesh_stl = await storeFiles(ds, assets, 'mesh_stl', 'mesh', 'stl', [
      { file: writeStl(CUBE, 'binary'), ext: 'stl' },
      { file: writeStl(CUBE, 'ascii'), ext: 'stl' },
    ])
    return { dataset: 'shoal_geometry_files', tensor_names: Object.keys(tensors), tensors }
  },
}

export const cases: readonly WriteCase[] = [annotations, files]
