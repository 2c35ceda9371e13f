import { createRequire } from 'node:module'
import { ShoalError } from '../errors.js'
import { type CodecImplementation, defineCodec } from './contract.js'

interface Lz4Napi {
  compressSync(data: Uint8Array): Buffer
  uncompressSync(data: Uint8Array): Buffer
  decompressFrameSync(data: Uint8Array): Buffer
}

const FRAME_MAGIC = [0x04, 0x22, 0x4d, 0x18]

function isFrame(bytes: Uint8Array): boolean {
  return FRAME_MAGIC.every((b, i) => bytes[i] === b)
}

function asUint8(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function loadLz4(): CodecImplementation {
  // lz4-napi is a native addon: loaded on the first lz4 payload, never at import.
  let native: Lz4Napi
  try {
    native = createRequire(import.meta.url)('lz4-napi') as Lz4Napi
  } catch (cause) {
    throw new ShoalError('MISSING_DEPENDENCY', 'lz4 needs the lz4-napi package, which could not be loaded', {
      cause,
      plugin: 'lz4-napi',
      hint: 'reinstall @shoal/core so that its lz4-napi dependency is present',
    })
  }
  return {
    // Deep Lake stores python-lz4 blocks: a uint32 LE uncompressed size, then a raw LZ4 block.
    compressBytes(bytes) {
      if (bytes.byteLength === 0) return new Uint8Array(0) // Python writes nothing for empty input
      return asUint8(native.compressSync(bytes))
    },
    decompressBytes(bytes) {
      if (bytes.byteLength === 0) return new Uint8Array(0)
      if (bytes.byteLength >= 4 && isFrame(bytes)) return asUint8(native.decompressFrameSync(bytes))
      if (bytes.byteLength < 4) throw new Error(`${bytes.byteLength} bytes is too short for an lz4 block`)
      const size = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)
      if (size === 0) return new Uint8Array(0) // `00 00 00 00 00` is how an empty buffer compresses
      // LZ4 expands at most ~255x; a larger claimed size is garbage, and must not drive an allocation.
      if (size >>> 0 > (bytes.byteLength - 4) * 255 + 16) {
        throw new Error(
          `lz4 block header claims ${size >>> 0} bytes from a ${bytes.byteLength - 4}-byte block`,
        )
      }
      const out = asUint8(native.uncompressSync(bytes))
      if (out.byteLength !== size >>> 0) {
        throw new Error(`lz4 block decoded to ${out.byteLength} bytes, its header says ${size >>> 0}`)
      }
      return out
    },
  }
}

/** The lz4 byte compression that core ships (python-lz4's size-prefixed block format). */
export const lz4Codec = defineCodec({
  specVersion: 1,
  name: 'lz4',
  providedBy: '@shoal/core',
  kind: 'byte',
  loadCodec: loadLz4,
})
