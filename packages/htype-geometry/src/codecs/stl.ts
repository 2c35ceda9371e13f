import type { CodecImplementation, DecodeContext } from '@shoal/core/plugin'
import { type MeshSample, wantsFaces } from './options.js'
import { mergeCorners, readStlTriangles } from './stl-parse.js'
import { castVertices } from './vertices.js'

/** STL meshes (ascii and binary); corners shared by several triangles become one vertex. */
export function stlCodec(): CodecImplementation {
  function decode(bytes: Uint8Array, context: DecodeContext): MeshSample {
    const { vertices, faces } = mergeCorners(readStlTriangles(bytes))
    const sample = castVertices(vertices, context.dtype)
    if (!wantsFaces(context.options)) return sample
    return { ...sample, faces: { dtype: 'uint32', shape: [faces.length / 3, 3], data: faces } }
  }

  return {
    decodeSample: decode,
    describeFile(bytes) {
      const corners = readStlTriangles(bytes)
      const min = [Infinity, Infinity, Infinity]
      const max = [-Infinity, -Infinity, -Infinity]
      for (let i = 0; i < corners.length; i++) {
        min[i % 3] = Math.min(min[i % 3]!, corners[i]!)
        max[i % 3] = Math.max(max[i % 3]!, corners[i]!)
      }
      const empty = corners.length === 0
      // Deep Lake stores an STL as numpy-stl's vectors: (triangles, 3 corners, 3 coordinates).
      return {
        shape: [corners.length / 9, 3, 3],
        info: { extension: 'stl', min_: empty ? [0, 0, 0] : min, max_: empty ? [0, 0, 0] : max },
      }
    },
  }
}
