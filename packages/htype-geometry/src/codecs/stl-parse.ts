/**
 * A small STL reader, written here because no maintained npm parser fits: @amandaghassaei/stl-parser
 * 1.7.0 cannot be imported by Node's ESM loader (its dependency 3d-mesh-utils 1.3.0 imports "./types"
 * without an extension), parse-stl has had no release since 2015, and @jscad/stl-deserializer brings
 * all of @jscad/modeling. STL is simple: binary files are an 80-byte header, a uint32 triangle count
 * and 50 bytes per triangle; ascii files are `facet … outer loop / vertex x y z ×3 / endloop endfacet`.
 */
import { checkStl } from './stl-check.js'

/** Triangles as flat corner coordinates: 9 float32 numbers per triangle. */
export function readStlTriangles(bytes: Uint8Array): Float32Array {
  if (checkStl(bytes) === 'binary') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const triangles = view.getUint32(80, true)
    const out = new Float32Array(triangles * 9)
    for (let t = 0; t < triangles; t++) {
      // skip the 12-byte normal; 3 corners of 3 float32 follow
      for (let k = 0; k < 9; k++) out[t * 9 + k] = view.getFloat32(84 + t * 50 + 12 + k * 4, true)
    }
    return out
  }
  const text = new TextDecoder('latin1').decode(bytes)
  const corners = [...text.matchAll(/\bvertex\s+(\S+)\s+(\S+)\s+(\S+)/g)]
  const out = new Float32Array(corners.length * 3)
  for (const [i, match] of corners.entries()) {
    for (let k = 0; k < 3; k++) {
      const value = Number(match[k + 1])
      if (!Number.isFinite(value))
        throw new Error(`vertex ${i} has a coordinate that is not a number: "${match[k + 1]}"`)
      out[i * 3 + k] = value
    }
  }
  return out
}

/** Merges corners with identical coordinates: unique (points, 3) vertices and (triangles, 3) indices. */
export function mergeCorners(corners: Float32Array): { vertices: Float32Array; faces: Uint32Array } {
  const index = new Map<string, number>()
  const vertices: number[] = []
  const faces = new Uint32Array(corners.length / 3)
  for (let c = 0; c < faces.length; c++) {
    const x = corners[c * 3]!
    const y = corners[c * 3 + 1]!
    const z = corners[c * 3 + 2]!
    const key = `${x},${y},${z}`
    let at = index.get(key)
    if (at === undefined) {
      at = vertices.length / 3
      index.set(key, at)
      vertices.push(x, y, z)
    }
    faces[c] = at
  }
  return { vertices: Float32Array.from(vertices), faces }
}
