/**
 * Small writers for the test files: LAS 1.2 point clouds, PLY (ascii and binary) and STL (ascii and
 * binary) meshes, written byte by byte from the format specifications, so the tests and the
 * conformance cases need no committed binaries.
 */

/** One LAS point: real-world coordinates plus the fields the point format keeps. */
export interface LasPoint {
  readonly x: number
  readonly y: number
  readonly z: number
  readonly intensity?: number
  readonly classification?: number
  readonly rgb?: readonly [number, number, number]
  readonly gpsTime?: number
}

export interface LasOptions {
  /** Point data format 0–3 (default 2: xyz, intensity, classification, rgb). */
  readonly pointFormat?: 0 | 1 | 2 | 3
  readonly scale?: readonly [number, number, number]
  readonly offset?: readonly [number, number, number]
}

const RECORD = [20, 28, 26, 34]

/** Writes an uncompressed LAS 1.2 file (227-byte header, no VLRs). */
export function writeLas(points: readonly LasPoint[], options: LasOptions = {}): Uint8Array {
  const format = options.pointFormat ?? 2
  const scale = options.scale ?? [0.01, 0.01, 0.01]
  const offset = options.offset ?? [0, 0, 0]
  const record = RECORD[format]!
  const header = 227
  const bytes = new Uint8Array(header + points.length * record)
  const view = new DataView(bytes.buffer)
  bytes.set([0x4c, 0x41, 0x53, 0x46], 0)
  view.setUint8(24, 1)
  view.setUint8(25, 2)
  bytes.set(new TextEncoder().encode('shoal test'), 58)
  view.setUint16(90, 1, true)
  view.setUint16(92, 2026, true)
  view.setUint16(94, header, true)
  view.setUint32(96, header, true)
  view.setUint32(100, 0, true)
  view.setUint8(104, format)
  view.setUint16(105, record, true)
  view.setUint32(107, points.length, true)
  view.setUint32(111, points.length, true)
  for (let k = 0; k < 3; k++) {
    view.setFloat64(131 + k * 8, scale[k]!, true)
    view.setFloat64(155 + k * 8, offset[k]!, true)
  }
  const axis = (p: LasPoint, k: number) => [p.x, p.y, p.z][k]!
  for (let k = 0; k < 3; k++) {
    const values = points.map((p) => axis(p, k))
    view.setFloat64(179 + k * 16, values.length ? Math.max(...values) : 0, true)
    view.setFloat64(187 + k * 16, values.length ? Math.min(...values) : 0, true)
  }
  for (const [i, p] of points.entries()) {
    const at = header + i * record
    for (let k = 0; k < 3; k++)
      view.setInt32(at + k * 4, Math.round((axis(p, k) - offset[k]!) / scale[k]!), true)
    view.setUint16(at + 12, p.intensity ?? 0, true)
    view.setUint8(at + 14, 0b00001001) // return 1 of 1
    view.setUint8(at + 15, p.classification ?? 0)
    if (format === 1 || format === 3) view.setFloat64(at + 20, p.gpsTime ?? 0, true)
    const colour = format === 2 ? 20 : format === 3 ? 28 : undefined
    if (colour !== undefined)
      for (let k = 0; k < 3; k++) view.setUint16(at + colour + k * 2, p.rgb?.[k] ?? 0, true)
  }
  return bytes
}

export interface MeshData {
  /** Flat x, y, z triples. */
  readonly vertices: readonly number[]
  /** Flat vertex-index triples (triangles). */
  readonly faces: readonly number[]
  /** Optional per-vertex uint8 r, g, b triples. */
  readonly colors?: readonly number[]
}

/** Writes a PLY file: float x y z (+ uchar rgb), and a face element when there are faces. */
export function writePly(mesh: MeshData, format: 'ascii' | 'binary_little_endian'): Uint8Array {
  const vertexCount = mesh.vertices.length / 3
  const faceCount = mesh.faces.length / 3
  const lines = [
    'ply',
    `format ${format} 1.0`,
    'comment made by shoal tests',
    `element vertex ${vertexCount}`,
  ]
  lines.push('property float x', 'property float y', 'property float z')
  if (mesh.colors) lines.push('property uchar red', 'property uchar green', 'property uchar blue')
  if (faceCount > 0) lines.push(`element face ${faceCount}`, 'property list uchar int vertex_indices')
  lines.push('end_header')
  const head = new TextEncoder().encode(`${lines.join('\n')}\n`)
  if (format === 'ascii') {
    const body: string[] = []
    for (let v = 0; v < vertexCount; v++) {
      const row = mesh.vertices.slice(v * 3, v * 3 + 3).map(String)
      if (mesh.colors) row.push(...mesh.colors.slice(v * 3, v * 3 + 3).map(String))
      body.push(row.join(' '))
    }
    for (let f = 0; f < faceCount; f++) body.push(`3 ${mesh.faces.slice(f * 3, f * 3 + 3).join(' ')}`)
    const text = new TextEncoder().encode(`${body.join('\n')}\n`)
    const out = new Uint8Array(head.byteLength + text.byteLength)
    out.set(head)
    out.set(text, head.byteLength)
    return out
  }
  const vertexSize = 12 + (mesh.colors ? 3 : 0)
  const out = new Uint8Array(head.byteLength + vertexCount * vertexSize + faceCount * 13)
  out.set(head)
  const view = new DataView(out.buffer)
  let at = head.byteLength
  for (let v = 0; v < vertexCount; v++) {
    for (let k = 0; k < 3; k++, at += 4) view.setFloat32(at, mesh.vertices[v * 3 + k]!, true)
    if (mesh.colors) for (let k = 0; k < 3; k++, at++) view.setUint8(at, mesh.colors[v * 3 + k]!)
  }
  for (let f = 0; f < faceCount; f++) {
    view.setUint8(at++, 3)
    for (let k = 0; k < 3; k++, at += 4) view.setInt32(at, mesh.faces[f * 3 + k]!, true)
  }
  return out
}

/** Writes an STL file with one facet per triangle of `mesh` (normals left at zero). */
export function writeStl(mesh: MeshData, format: 'ascii' | 'binary'): Uint8Array {
  const faceCount = mesh.faces.length / 3
  const corner = (f: number, c: number) =>
    mesh.vertices.slice(mesh.faces[f * 3 + c]! * 3, mesh.faces[f * 3 + c]! * 3 + 3)
  if (format === 'ascii') {
    const lines = ['solid shoal']
    for (let f = 0; f < faceCount; f++) {
      lines.push('  facet normal 0 0 0', '    outer loop')
      for (let c = 0; c < 3; c++) lines.push(`      vertex ${corner(f, c).join(' ')}`)
      lines.push('    endloop', '  endfacet')
    }
    lines.push('endsolid shoal')
    return new TextEncoder().encode(`${lines.join('\n')}\n`)
  }
  const out = new Uint8Array(84 + faceCount * 50)
  const view = new DataView(out.buffer)
  out.set(new TextEncoder().encode('binary stl written by shoal tests'))
  view.setUint32(80, faceCount, true)
  for (let f = 0; f < faceCount; f++) {
    const at = 84 + f * 50 + 12
    for (let c = 0; c < 3; c++) {
      const xyz = corner(f, c)
      for (let k = 0; k < 3; k++) view.setFloat32(at + c * 12 + k * 4, xyz[k]!, true)
    }
  }
  return out
}

/** A unit cube: 8 vertices, 12 triangles. */
export const CUBE: MeshData = {
  vertices: [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1],
  faces: [
    0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 0, 4, 7, 0, 7,
    3,
  ],
  colors: [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0, 255, 0, 255, 0, 255, 255, 10, 20, 30, 200, 100, 50],
}

/** A few LAS points with 16-bit colour and georeferenced-size coordinates. */
export function samplePoints(count: number, seed = 1): LasPoint[] {
  let s = seed
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
  return Array.from({ length: count }, (_, i) => ({
    x: 500000 + Math.round(next() * 10000) / 100,
    y: 4100000 + Math.round(next() * 10000) / 100,
    z: Math.round(next() * 5000) / 100,
    intensity: Math.floor(next() * 65535),
    classification: i % 7,
    rgb: [Math.floor(next() * 65535), 600, 65535 - i] as const,
  }))
}
