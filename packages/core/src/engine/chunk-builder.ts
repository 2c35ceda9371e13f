import { encodeChunk } from '../format/chunk.js'
import { BytePositionsBuilder, emptyTable, ShapeTableBuilder } from '../format/index-table.js'
import { FORMAT_VERSION } from '../format/keys.js'

/**
 * The chunk a tensor is appending to, held in memory until it is sealed or flushed: payloads in
 * order plus the shape and byte-position encoders that describe them (spec §2.1–2.2).
 */
export class ChunkBuilder {
  private readonly payloads: Uint8Array[] = []
  /** Each sample's shape (undefined: rank unknown when appended), kept so a sample can be replaced. */
  private readonly sampleShapes: (readonly number[] | undefined)[] = []
  private shapes: ShapeTableBuilder | undefined
  private positions = new BytePositionsBuilder()
  private bytes = 0
  private count = 0
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
    return this.count
  }

  /** Bytes of payload data (before chunk compression). */
  get dataBytes(): number {
    return this.bytes
  }

  /**
   * Adds one sample's payload and stored shape. `shape` is undefined for an empty sample appended
   * before the tensor's rank is known; its row is back-filled with zeros once a rank appears.
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
    this.payloads.push(payload)
    this.sampleShapes.push(shape)
    this.bytes += payload.byteLength
    this.count++
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
    this.payloads.push(payload)
    this.bytes += payload.byteLength
    this.count = 1
    this.dirty = true
  }

  /**
   * Replaces local sample `local` and rebuilds the encoders; the chunk keeps its id (an update
   * rewrites the chunk under the same name, spec §8).
   */
  replace(local: number, payload: Uint8Array, shape: readonly number[] | undefined): void {
    const payloads = [...this.payloads]
    const shapes = [...this.sampleShapes]
    payloads[local] = payload
    shapes[local] = shape
    this.payloads.length = 0
    this.sampleShapes.length = 0
    this.shapes = undefined
    this.positions = new BytePositionsBuilder()
    this.bytes = 0
    this.count = 0
    this.unknownRank = 0
    for (let k = 0; k < payloads.length; k++) this.add(payloads[k]!, shapes[k])
  }

  /** The chunk file; `compress` (lz4 chunk compression) is applied to the data section. */
  encode(compress?: (data: Uint8Array) => Uint8Array): Uint8Array {
    const shapes = (this.shapes ?? new ShapeTableBuilder(this.ndim ?? 0)).toTable()
    const bytePositions = this.tile ? emptyTable(3) : this.positions.toTable()
    let data: Uint8Array | readonly Uint8Array[] = this.payloads
    if (compress) data = compress(concat(this.payloads, this.bytes))
    return encodeChunk({ version: FORMAT_VERSION, shapes, bytePositions, data })
  }
}

/** One contiguous buffer of `parts`. */
export function concat(parts: readonly Uint8Array[], total?: number): Uint8Array {
  const out = new Uint8Array(total ?? parts.reduce((n, p) => n + p.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}
