import { itemSize, type NumericDtype, typedView } from '../dtype.js'
import { ShoalError } from '../errors.js'
import { type TileEntry, tileLayout } from '../format/tile-encoder.js'
import { type NDArray, shapeSize } from '../ndarray.js'
import { copyBlock } from './copy-block.js'
import type { LoadedChunk } from './loaded-chunk.js'

/**
 * Rebuilds a tiled sample: tiles are stored one per chunk in C order of the tile grid (spec §2.7);
 * `decodeTile` turns a tile chunk into raw bytes of its tile shape.
 */
export async function assembleTiles(
  entry: TileEntry,
  chunks: readonly LoadedChunk[],
  dtype: NumericDtype,
  decodeTile: (chunk: LoadedChunk, tileShape: number[]) => Promise<Uint8Array>,
  tileShapeOf: (chunk: LoadedChunk) => number[],
): Promise<NDArray> {
  const layout = tileLayout(entry)
  const tileCount = shapeSize(layout)
  if (tileCount !== chunks.length) {
    throw new ShoalError(
      'CORRUPT_CHUNK',
      `a tiled sample of shape [${entry.sampleShape.join(', ')}] needs ${tileCount} tiles but the chunk index lists ${chunks.length}`,
      { key: chunks[0]?.key, expected: `${tileCount} tile chunks` },
    )
  }
  const size = itemSize(dtype)
  const out = new Uint8Array(shapeSize(entry.sampleShape) * size)
  const position = new Array<number>(layout.length).fill(0)
  for (const chunk of chunks) {
    const tileShape = tileShapeOf(chunk)
    const bytes = await decodeTile(chunk, tileShape)
    const at = position.map((p, axis) => p * entry.tileShape[axis]!)
    if (bytes.byteLength !== shapeSize(tileShape) * size) {
      throw new ShoalError(
        'CORRUPT_CHUNK',
        `tile chunk "${chunk.key}" holds ${bytes.byteLength} bytes; its shape [${tileShape.join(', ')}] needs ${shapeSize(tileShape) * size}`,
        { key: chunk.key },
      )
    }
    copyBlock(out, entry.sampleShape, bytes, tileShape, at, size)
    for (let axis = layout.length - 1; axis >= 0; axis--) {
      position[axis]!++
      if (position[axis]! < layout[axis]!) break
      position[axis] = 0
    }
  }
  return { dtype, shape: [...entry.sampleShape], data: typedView(dtype, out) }
}
