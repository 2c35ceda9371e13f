import { encodeChunk } from '../format/chunk.js'
import { BytePositionsBuilder, emptyTable, ShapeTableBuilder } from '../format/index-table.js'
import { FORMAT_VERSION } from '../format/keys.js'
import type { BufferPool } from './buffer-pool.js'
import { SampleSpans } from './sample-spans.js'

/**
 * Default room kept in front of the data for the chunk header, so encoding writes the header in
 * place instead of copying header and data into a new buffer. A header that outgrows it (many
 * rows of variable-length text) costs one copy, and its writer reserves more for later chunks.
 */
export const HEADER_ROOM = 64 * 1024

/**
 * The chunk a tensor is appending to, held in memory until it is sealed or flushed: the payloads
 * copied into one growing buffer (so callers may reuse theirs at once), plus the shape and
 * byte-position encoders that describe them (spec §2.1–2.2).
 */
export class ChunkBuilder {
  private buffer: Uint8Array
  /** Each sample's byte range and shape (undefined: rank unknown when appended), kept so a sample can be replaced. */
  private readonly spans = new SampleSpans()
  private shapes: ShapeTableBuilder | undefined
  private positions = new BytePositionsBuilder()
  private unknownRank = 0
  private tile = false
  /** Set when the chunk changed since it was last written. */
  dirty = false

  /** Bytes of the last header {@link encode} wrote, so the next chunk can reserve as much. */
  headerBytes = 0

  constructor(
    readonly id: bigint,
    private readonly ndim: number | undefined,
    private readonly pool?: BufferPool,
    expectedBytes = 0,
    private readonly headerRoom = HEADER_ROOM,
  ) {
    this.buffer = pool?.take(headerRoom + expectedBytes) ?? new Uint8Array(headerRoom + expectedBytes)
  }

  /** Number of samples in the chunk. */
  get length(): number {
    return this.spans.length
  }

  /** Bytes of payload data (before chunk compression). */
  get dataBytes(): number {
    return this.spans.dataBytes
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
    this.copyIn(payload, shape)
    this.dirty = true
  }

  /**
   * Adds items `from` to `to` (exclusive) of a packed batch: item k's payload is
   * `bytes[ends[k-1] .. ends[k])` (0 before the first), all of one `shape`. One copy and one shape
   * run for the whole range, so text ingest costs no object per sample.
   */
  addPacked(bytes: Uint8Array, ends: Uint32Array, from: number, to: number, shape: readonly number[]): void {
    const start = from === 0 ? 0 : ends[from - 1]!
    const base = this.dataBytes - start
    this.reserve(ends[to - 1]! - start)
    this.buffer.set(bytes.subarray(start, ends[to - 1]!), this.headerRoom + this.dataBytes)
    if (!this.shapes) {
      this.shapes = new ShapeTableBuilder(shape.length)
      if (this.unknownRank > 0)
        this.shapes.appendShape(new Array<number>(shape.length).fill(0), this.unknownRank)
    }
    this.shapes.appendShape(shape, to - from)
    this.positions.appendPacked(ends, from, to)
    this.spans.pushMany(ends, from, to, base, shape)
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
    this.copyIn(payload, shape)
    this.dirty = true
  }

  /**
   * Replaces local sample `local` and rebuilds the encoders; the chunk keeps its id (an update
   * rewrites the chunk under the same name, spec §8).
   */
  replace(local: number, payload: Uint8Array, shape: readonly number[] | undefined): void {
    const count = this.spans.length
    const payloads = Array.from({ length: count }, (_, k) => (k === local ? payload : this.data(k).slice()))
    const shapes = Array.from({ length: count }, (_, k) => (k === local ? shape : this.spans.shape(k)))
    this.spans.clear()
    this.shapes = undefined
    this.positions = new BytePositionsBuilder()
    this.unknownRank = 0
    for (let k = 0; k < payloads.length; k++) this.add(payloads[k]!, shapes[k])
  }

  /**
   * The chunk file; `compress` (lz4 chunk compression) is applied to the data section. Without
   * compression the result is a view of this builder's buffer: write it before changing the chunk.
   */
  encode(compress?: (data: Uint8Array) => Uint8Array): Uint8Array {
    const shapes = (this.shapes ?? new ShapeTableBuilder(this.ndim ?? 0)).toTable()
    const bytePositions = this.tile ? emptyTable(3) : this.positions.toTable()
    const raw = this.buffer.subarray(this.headerRoom, this.headerRoom + this.dataBytes)
    if (compress) return encodeChunk({ version: FORMAT_VERSION, shapes, bytePositions, data: compress(raw) })
    const header = encodeChunk({ version: FORMAT_VERSION, shapes, bytePositions, data: [] })
    this.headerBytes = header.byteLength
    if (header.byteLength > this.headerRoom)
      return encodeChunk({ version: FORMAT_VERSION, shapes, bytePositions, data: raw })
    this.buffer.set(header, this.headerRoom - header.byteLength)
    return this.buffer.subarray(this.headerRoom - header.byteLength, this.headerRoom + this.dataBytes)
  }

  /** Each sample's raw bytes and shape (views into this builder), for an image-canvas chunk. */
  samples(): { data: Uint8Array; shape: readonly number[] | undefined }[] {
    return Array.from({ length: this.spans.length }, (_, k) => ({
      data: this.data(k),
      shape: this.spans.shape(k),
    }))
  }

  /**
   * The chunk file with `data` as its whole data section and no byte positions: an image canvas
   * (spec §2.4.3) whose samples the shape rows locate.
   */
  encodeWhole(data: Uint8Array): Uint8Array {
    const shapes = (this.shapes ?? new ShapeTableBuilder(this.ndim ?? 0)).toTable()
    return encodeChunk({ version: FORMAT_VERSION, shapes, bytePositions: emptyTable(3), data })
  }

  /** Hands the buffer back to the pool once the chunk's last encoding has been written. */
  release(): void {
    this.pool?.give(this.buffer)
    this.buffer = new Uint8Array(0)
  }

  private data(k: number): Uint8Array {
    return this.buffer.subarray(this.headerRoom + this.spans.start(k), this.headerRoom + this.spans.end(k))
  }

  private copyIn(payload: Uint8Array, shape: readonly number[] | undefined): void {
    const end = this.dataBytes + payload.byteLength
    this.reserve(payload.byteLength)
    this.buffer.set(payload, this.headerRoom + this.dataBytes)
    this.spans.push(end, shape)
  }

  /** Grows the buffer (keeping its data) so `more` bytes fit after the current data. */
  private reserve(more: number): void {
    const end = this.dataBytes + more
    if (this.headerRoom + end > this.buffer.byteLength) {
      // Doubling keeps appends amortised O(1) without reserving a whole chunk for small tensors.
      const grown = new Uint8Array(
        this.headerRoom + Math.max(end, (this.buffer.byteLength - this.headerRoom) * 2, 4096),
      )
      grown.set(this.buffer.subarray(this.headerRoom, this.headerRoom + this.dataBytes), this.headerRoom)
      this.pool?.give(this.buffer)
      this.buffer = grown
    }
  }
}
