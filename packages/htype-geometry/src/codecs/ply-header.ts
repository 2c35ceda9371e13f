/** One `element` of a PLY header with its properties. */
export interface PlyElement {
  readonly name: string
  readonly count: number
  readonly properties: { readonly name: string; readonly type: string; readonly listCount?: string }[]
}

export interface PlyHeader {
  readonly format: 'ascii' | 'binary_little_endian' | 'binary_big_endian'
  readonly elements: PlyElement[]
  readonly comments: string[]
  /** Byte offset of the body. */
  readonly bodyOffset: number
}

const SIZES: Record<string, number> = {
  char: 1,
  int8: 1,
  uchar: 1,
  uint8: 1,
  short: 2,
  int16: 2,
  ushort: 2,
  uint16: 2,
  int: 4,
  int32: 4,
  uint: 4,
  uint32: 4,
  float: 4,
  float32: 4,
  double: 8,
  float64: 8,
}

/** True when the bytes start with a PLY signature. */
export const isPly = (bytes: Uint8Array): boolean =>
  bytes.byteLength >= 4 &&
  bytes[0] === 0x70 &&
  bytes[1] === 0x6c &&
  bytes[2] === 0x79 &&
  (bytes[3] === 0x0a || bytes[3] === 0x0d)

/** Parses a PLY header; throws a plain Error saying what is wrong. */
export function readPlyHeader(bytes: Uint8Array): PlyHeader {
  if (!isPly(bytes)) throw new Error('the file does not start with "ply"')
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.byteLength, 65536)))
  const end = head.indexOf('end_header')
  if (end < 0) throw new Error('the header has no end_header line')
  const newline = head.indexOf('\n', end)
  if (newline < 0) throw new Error('the header ends without a newline')
  const lines = head.slice(0, end).split(/\r?\n/)
  let format: PlyHeader['format'] | undefined
  const elements: PlyElement[] = []
  const comments: string[] = []
  for (const line of lines.slice(1)) {
    const words = line.trim().split(/\s+/)
    if (words[0] === 'format') {
      if (words[1] !== 'ascii' && words[1] !== 'binary_little_endian' && words[1] !== 'binary_big_endian')
        throw new Error(`unknown PLY format "${words[1]}"`)
      format = words[1]
    } else if (words[0] === 'element') {
      const count = Number(words[2])
      if (!Number.isInteger(count) || count < 0)
        throw new Error(`element "${words[1]}" has a bad count "${words[2]}"`)
      elements.push({ name: words[1] ?? '', count, properties: [] })
    } else if (words[0] === 'property') {
      const element = elements.at(-1)
      if (!element) throw new Error('a property comes before any element')
      if (words[1] === 'list') {
        if (!SIZES[words[2] ?? ''] || !SIZES[words[3] ?? ''])
          throw new Error(`list property "${words[4]}" has unknown types`)
        element.properties.push({ name: words[4] ?? '', type: words[3]!, listCount: words[2]! })
      } else {
        if (!SIZES[words[1] ?? '']) throw new Error(`property "${words[2]}" has unknown type "${words[1]}"`)
        element.properties.push({ name: words[2] ?? '', type: words[1]! })
      }
    } else if (words[0] === 'comment' || words[0] === 'obj_info')
      comments.push(line.trim().slice(words[0].length + 1))
  }
  if (!format) throw new Error('the header has no format line')
  if (!elements.some((e) => e.name === 'vertex')) throw new Error('the file has no vertex element')
  return {
    format,
    elements,
    comments,
    bodyOffset: new TextEncoder().encode(head.slice(0, newline + 1)).byteLength,
  }
}

/** Checks that the body holds every element the header declares (catches truncated files). */
export function checkPlyBody(bytes: Uint8Array, header: PlyHeader): void {
  if (header.format === 'ascii') {
    const body = new TextDecoder().decode(bytes.subarray(header.bodyOffset))
    const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '')
    const needed = header.elements.reduce((n, e) => n + e.count, 0)
    if (lines.length < needed)
      throw new Error(`the body has ${lines.length} lines; the header declares ${needed} rows`)
    let row = 0
    for (const element of header.elements) {
      for (let i = 0; i < element.count; i++, row++) {
        const values = lines[row]!.trim().split(/\s+/)
        if (values.some((v) => Number.isNaN(Number(v))))
          throw new Error(`row ${row} of the body is not numbers: "${lines[row]!.slice(0, 40)}"`)
      }
    }
    return
  }
  const little = header.format === 'binary_little_endian'
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = header.bodyOffset
  const need = (n: number) => {
    if (at + n > bytes.byteLength) throw new Error(`the binary body is truncated at byte ${bytes.byteLength}`)
  }
  for (const element of header.elements) {
    for (let i = 0; i < element.count; i++) {
      for (const p of element.properties) {
        if (p.listCount === undefined) {
          need(SIZES[p.type]!)
          at += SIZES[p.type]!
          continue
        }
        const countSize = SIZES[p.listCount]!
        need(countSize)
        const n =
          countSize === 1
            ? view.getUint8(at)
            : countSize === 2
              ? view.getUint16(at, little)
              : view.getUint32(at, little)
        at += countSize
        need(n * SIZES[p.type]!)
        at += n * SIZES[p.type]!
      }
    }
  }
}

/**
 * The dimension names Deep Lake 3 gives a PLY file; their count is the second axis of the shape it
 * stores, (vertices, dimensions). A header with normals lists every property by name; otherwise a
 * face list adds a count column and its three corners (or six texture coordinates) before its own name.
 */
export function plyDimensionNames(header: PlyHeader): string[] {
  const withNormals = header.elements.some((e) => e.properties.some((p) => /^n[xyz]$/.test(p.name)))
  const names: string[] = []
  for (const element of header.elements) {
    for (const p of element.properties) {
      if (p.listCount !== undefined && !withNormals) {
        const corners = p.name === 'vertex_indices' || p.name === 'vertex_index'
        names.push(
          ...(corners
            ? ['n_points', 'v1', 'v2', 'v3']
            : ['n_coords', 'v1_u', 'v1_v', 'v2_u', 'v2_v', 'v3_u', 'v3_v']),
        )
      }
      // Deep Lake takes the third word of the property line: a list's count type, else the name.
      names.push(p.listCount ?? p.name)
    }
  }
  return names
}
