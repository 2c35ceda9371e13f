import type { CodecImplementation, DecodeContext } from '@shoal/core/plugin'
import { type MeshSample, wantsFaces } from './options.js'
import { checkPlyBody, plyDimensionNames, readPlyHeader } from './ply-header.js'
import { castVertices } from './vertices.js'

/** PLY meshes and point sets (ascii and binary) through @loaders.gl/ply. */
export async function plyCodec(): Promise<CodecImplementation> {
  const [{ parse }, { PLYLoader }] = await Promise.all([
    import('@loaders.gl/core'),
    import('@loaders.gl/ply'),
  ])

  async function decode(bytes: Uint8Array, context: DecodeContext): Promise<MeshSample> {
    const header = readPlyHeader(bytes)
    checkPlyBody(bytes, header)
    const mesh = (await parse(bytes.slice().buffer, PLYLoader, { worker: false })) as {
      attributes: Record<string, { value: ArrayLike<number> }>
      indices?: { value: ArrayLike<number> }
    }
    const positions = mesh.attributes.POSITION?.value
    const declared = header.elements.find((e) => e.name === 'vertex')!.count
    if (!positions || positions.length !== declared * 3)
      throw new Error(`the file declares ${declared} vertices; ${(positions?.length ?? 0) / 3} could be read`)
    const sample = castVertices(positions, context.dtype)
    if (!wantsFaces(context.options)) return sample
    const indices = mesh.indices?.value ?? []
    return {
      ...sample,
      faces: { dtype: 'uint32', shape: [indices.length / 3, 3], data: Uint32Array.from(indices) },
    }
  }

  return {
    decodeSample: decode,
    async describeFile(bytes) {
      const header = readPlyHeader(bytes)
      await decode(bytes, { dtype: 'float32' })
      const names = plyDimensionNames(header)
      const counts = Object.fromEntries(header.elements.map((e) => [e.name, e.count]))
      return {
        shape: [counts.vertex ?? 0, names.length],
        info: {
          dimensions_names: names,
          fmt: header.format,
          extension: 'ply',
          comments: header.comments,
          ...counts,
        },
      }
    },
  }
}
