/**
 * Cheap checks that a file kept byte for byte is whole: reading only its header would accept a
 * truncated download. JPEG must end with EOI, PNG with an IEND chunk, GIF with its trailer.
 */
export function checkComplete(format: string, bytes: Uint8Array): void {
  const n = bytes.byteLength
  if (format === 'jpeg' || format === 'mpo') {
    // Some writers pad after EOI; look for it in the last bytes.
    const tail = bytes.subarray(Math.max(0, n - 64))
    for (let i = tail.byteLength - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return
    throw new Error('the JPEG data is truncated (no end-of-image marker)')
  }
  if (format === 'png') {
    const tail = bytes.subarray(Math.max(0, n - 12))
    const iend = [0x49, 0x45, 0x4e, 0x44]
    if (tail.byteLength === 12 && iend.every((b, i) => tail[4 + i] === b)) return
    throw new Error('the PNG data is truncated (no IEND chunk)')
  }
  if (format === 'gif' && bytes[n - 1] !== 0x3b) throw new Error('the GIF data is truncated (no trailer)')
}
