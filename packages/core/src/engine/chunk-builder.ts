import { encodeChunk } from '../format/chunk.js'
import { BytePositionsBuilder, emptyTable, ShapeTableBuilder } from '../format/index-table.js'
import { FORMAT_VERSION } from '../format/keys.js'

/**
 * The chunk a tensor is appending to, held in memory until it is sealed or flushed: the payloads
 * copied into one growing buffer (so callers may reuse theirs at once), plus the shape and
 * byte-position encoders that describe them (spec §2.1–2.2).
 */
export class ChunkBuilder {
  private data = new Uint8Array(0)
  private readonly offsets: number[] = [0]
  /** Each sample's shape (undefined: rank unknown when appended), kept so a sample can be replaced. */
  private readonly sampleShapes: (readonly number[] | undefined)[] = []
  private shapes: ShapeTableBuilder | undefined
  private positions = new BytePositionsBuilder()
  private unknownRank = 0
  private tile = false
  /** Set when the chunk changed since it was last written. */
  dirty = false

  constructor(
    readonly id: bigint,
    private readonly ndim: number | undefined,
  ) {}

  /** Number of samples in the chunk. */
  get length(): number {
    return this.sampleShapes.length
  }

  /** Bytes of payload data (before chunk compression). */
  get dataBytes(): number {
    return this.offsets[this.offsets.length - 1]!
  }

  /**
   * Adds one sample's payload (copied) and stored shape. `shape` is undefined for an empty sample
   * appended before the tensor's rank is known; its row is back-filled with zeros once a rank appears.
   */
  add(payload: Uint8Array, shape: readonly number[] | undefined): void {
    if (shape === undefined && this.shapes === undefined) this.unknownRank++
    else {
      const rank = shape?.length ?? this.shapes!.ndim
      if (!this.shapes) {
        this.shapes = new ShapeTableBuilder(rank)
        if (this.unknownRank > 0) this.shapes.appendShape(new Array<number>(rank).fill(0), this.unknownRank)
      }
      this.shapes.appendShape(shape ?? new Array<number>(rank).fill(0))
    }
    this.positions.append(payload.byteLength)
    this.copyIn(payload)
    this.sampleShapes.push(shape)
    this.dirty = true
  }

  /**
   * Makes this a tile chunk: one tile of a tiled sample, with a single shape row and no byte
   * positions (the whole data section is the tile).
   */
  addTile(payload: Uint8Array, shape: readonly number[]): void {
    this.shapes = new ShapeTableBuilder(shape.length)
    this.shapes.appendShape(shape)
    this.tile = true
    this.copyIn(payload)
    this.sampleShapes.push(shape)
    this.dirty = true
  }

  /**
   * Replaces local sample `local` and rebuilds the encoders; the chunk keeps its id (an update
   * rewrites the chunk under the same name, spec §8).
   */
  replace(local: number, payload: Uint8Array, shape: readonly number[] | undefined): void {
    const payloads = this.sampleShapes.map((_, k) =>
      k === local ? payload : this.data.slice(this.offsets[k]!, this.offsets[k + 1]!),
    )
    const shapes = this.sampleShapes.map((s, k) => (k === local ? shape : s))
    this.data = new Uint8Array(0)
    this.offsets.length = 1
    this.sampleShapes.length = 0
    this.shapes = undefined
    this.positions = new BytePositionsBuilder()
    this.unknownRank = 0
    for (let k = 0; k < payloads.length; k++) this.add(payloads[k]!, shapes[k])
  }

  /** The chunk file; `compress` (lz4 chunk compression) is applied to the data section. */
  encode(compress?: (data: Uint8Array) => Uint8Array): Uint8Array {
    const shapes = (this.shapes ?? new ShapeTableBuilder(this.ndim ?? 0)).toTable()
    const bytePositions = this.tile ? emptyTable(3) : this.positions.toTable()
    const raw = this.data.subarray(0, this.dataBytes)
    return encodeChunk({
      version: FORMAT_VERSION,
      shapes,
      bytePositions,
      data: compress ? compress(raw) : raw,
    })
  }

  private copyIn(payload: Uint8Array): void {
    const end = this.dataBytes + payload.byteLength
    if (end > this.data.byteLength) {
      // Doubling keeps appends amortised O(1) without reserving a whole chunk for small tensors.
      const grown = new Uint8Array(Math.max(end, this.data.byteLength * 2, 4096))
      grown.set(this.data.subarray(0, this.dataBytes))
      this.data = grown
    }
    this.data.set(payload, this.dataBytes)
    this.offsets.push(end)
  }
}
