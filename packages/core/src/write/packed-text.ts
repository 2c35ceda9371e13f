/**
 * A batch of text or JSON samples as one buffer plus end offsets, for the packed append path:
 * one encode per batch (text) or one write per value into a shared buffer (JSON), instead of a
 * view, a result object and a payload object per sample.
 */
import { nativeJson, pythonizedMaxBytes, writePythonized } from './plain-json.js'

const utf8 = new TextEncoder()

/** A packed batch: item k is `bytes[ends[k-1] .. ends[k])`. */
export interface PackedBatch {
  readonly bytes: Uint8Array
  readonly ends: Uint32Array
}

/**
 * Where a batch is packed: a buffer of at least `size` bytes whose first `keep` bytes are those of
 * the previous call's buffer (so a batch can grow it), owned by the caller until the batch is
 * appended; reused batch after batch, so packing touches no fresh memory.
 */
export type PackBuffer = (size: number, keep?: number) => Uint8Array

/**
 * Packs `values` when every one is a string (null and undefined are empty samples) without lone
 * surrogates; undefined otherwise, and the caller takes the per-sample path, which reports the
 * bad value by index. Lone surrogates are excluded because joining two strings could pair them up
 * and change their bytes.
 */
export function packText(values: readonly unknown[], buffer: PackBuffer): PackedBatch | undefined {
  const ends = new Uint32Array(values.length)
  let total = 0
  for (let k = 0; k < values.length; k++) {
    const value = values[k]
    if (typeof value === 'string') {
      // Native counting; a lone surrogate (counted as U+FFFD) can only hide in non-ASCII text.
      const length = Buffer.byteLength(value, 'utf8')
      if (length !== value.length && !isWellFormed(value)) return undefined
      total += length
    } else if (value !== null && value !== undefined) return undefined
    ends[k] = total
  }
  if (total > 0xffff_ffff) return undefined
  // Array#join writes null and undefined as empty strings, as the samples are stored.
  const bytes = buffer(total).subarray(0, total)
  const { written } = utf8.encodeInto(values.join(''), bytes)
  return written === total ? { bytes, ends } : undefined
}

/** `String#isWellFormed` (ES2024; in Node since 20): true when `text` holds no lone surrogate. */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed()
}

/**
 * Packs JSON `values` (null and undefined are stored as `{}`) in Python's JSON text. Plain values
 * are written straight into the buffer; any other (custom types, floats whose text differs
 * between JS and Python) is encoded by `encodeOther`, which throws for a bad value by index.
 */
export function packJson(
  values: readonly unknown[],
  buffer: PackBuffer,
  encodeOther: (value: unknown, k: number) => Uint8Array,
): PackedBatch {
  const ends = new Uint32Array(values.length)
  let bytes = buffer(0)
  let at = 0
  for (let k = 0; k < values.length; k++) {
    const value = values[k] ?? {}
    const text = nativeJson(value)
    if (text !== undefined) {
      const most = pythonizedMaxBytes(text)
      if (at + most > bytes.byteLength) bytes = buffer(at + most, at)
      at += writePythonized(text, bytes, at)
    } else {
      const other = encodeOther(value, k)
      if (at + other.byteLength > bytes.byteLength) bytes = buffer(at + other.byteLength, at)
      bytes.set(other, at)
      at += other.byteLength
    }
    ends[k] = at
  }
  return { bytes: bytes.subarray(0, at), ends }
}
