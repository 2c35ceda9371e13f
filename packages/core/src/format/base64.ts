const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

/** Standard base64 with padding (Python's `base64.b64encode`). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = ''
  const n = bytes.byteLength
  let i = 0
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8)
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]!
    out += i + 1 < n ? `${ALPHABET[(v >> 6) & 63]!}=` : '=='
  }
  return out
}

/**
 * Decodes standard base64. Like Python's `b64decode` (without `validate`), characters outside
 * the alphabet are skipped and decoding stops at padding. Undefined when the digits left over
 * cannot form a byte.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let length = 0
  let buffer = 0
  let bits = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x3d) break
    const value = code < 128 ? LOOKUP[code]! : -1
    if (value < 0) continue
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[length++] = (buffer >> bits) & 0xff
    }
  }
  if (bits >= 6) return undefined
  return out.subarray(0, length)
}
