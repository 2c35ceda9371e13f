/**
 * True when the bytes start like an STL file: ascii "solid", or a binary file whose size matches its
 * triangle count (binary STL has no signature). Completeness is checked later by {@link checkStl}.
 */
export function isStl(bytes: Uint8Array): boolean {
  if (bytes.byteLength >= 84) {
    const triangles = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true)
    if (84 + triangles * 50 === bytes.byteLength) return true
  }
  return new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart().startsWith('solid')
}

/**
 * Tells ascii from binary STL and checks the file is whole; throws a plain Error otherwise.
 * Binary files may also start with "solid", so the size rule decides first.
 */
export function checkStl(bytes: Uint8Array): 'ascii' | 'binary' {
  if (bytes.byteLength >= 84) {
    const triangles = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true)
    if (84 + triangles * 50 === bytes.byteLength) return 'binary'
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart()
  if (head.startsWith('solid')) {
    const text = new TextDecoder('latin1').decode(bytes)
    if (!/\bendsolid\b/.test(text)) throw new Error('the ascii STL has no "endsolid" line (truncated?)')
    const facets = text.match(/\bfacet\b/g)?.length ?? 0
    const vertices = text.match(/\bvertex\b/g)?.length ?? 0
    if (vertices !== facets * 3)
      throw new Error(`the ascii STL has ${facets} facets but ${vertices} vertices`)
    return 'ascii'
  }
  if (bytes.byteLength >= 84) {
    const triangles = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true)
    throw new Error(
      `a binary STL of ${triangles} triangles needs ${84 + triangles * 50} bytes; the file has ${bytes.byteLength}`,
    )
  }
  throw new Error('the file is neither an ascii STL ("solid …") nor a binary STL')
}
