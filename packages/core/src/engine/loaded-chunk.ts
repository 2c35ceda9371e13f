import type { CodecImplementation } from '../codec/contract.js'
import { ShoalError } from '../errors.js'
import { type ChunkHeader, checkBytePositions, parseChunk } from '../format/chunk.js'
import type { NDArray } from '../ndarray.js'

/** A chunk read from storage: its parsed header and its (decompressed) data section. */
export interface LoadedChunk {
  readonly key: string
  readonly header: ChunkHeader
  /** The data section; for lz4 chunk compression, the decompressed stream the encoders index. */
  readonly data: Uint8Array
  /** For image chunk compression: the decoded canvas, filled on first use. */
  canvas?: Promise<NDArray>
  /** For image chunk compression: each sample's first canvas column, filled on first use. */
  columns?: number[]
  /**
   * Text and JSON tensors: the whole data section as one string when it is pure ASCII (byte
   * offsets are then string offsets, so a sample is a slice); null when it is not. Filled on first use.
   */
  ascii?: string | null
}

/** Parses a chunk file and undoes byte-level chunk compression. */
export function loadChunk(bytes: Uint8Array, key: string, byteCodec?: CodecImplementation): LoadedChunk {
  const header = parseChunk(bytes, key)
  let data = bytes.subarray(header.dataOffset)
  if (byteCodec?.decompressBytes) {
    try {
      data = byteCodec.decompressBytes(data)
    } catch (cause) {
      throw new ShoalError(
        'CORRUPT_CHUNK',
        `chunk "${key}" holds no valid lz4 data: ${(cause as Error).message}`,
        {
          key,
          cause,
          expected: 'an lz4 block (uint32 LE size + raw block) or an lz4 frame',
        },
      )
    }
  }
  // Typed views need element alignment; one copy per chunk beats one per sample.
  if (!byteCodec && data.byteOffset % 8 !== 0) data = data.slice()
  checkBytePositions(header, data.byteLength, key)
  return { key, header, data }
}

/** A chunk whose header was read on its own and whose data section was read into a fresh buffer. */
export function chunkFromParts(header: ChunkHeader, data: Uint8Array, key: string): LoadedChunk {
  checkBytePositions(header, data.byteLength, key)
  return { key, header, data }
}
