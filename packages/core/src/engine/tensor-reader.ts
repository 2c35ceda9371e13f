import { isAscii } from 'node:buffer'
import type { CodecImplementation, CompressionCodec, DecodeOptions } from '../codec/contract.js'
import { loadCodec } from '../codec/registry.js'
import { allocTyped, isNumericDtype, itemSize, type NumericDtype, typedView } from '../dtype.js'
import { ShoalError } from '../errors.js'
import {
  type ChunkHeader,
  chunkHeaderSize,
  chunkSampleCount,
  parseChunk,
  sampleByteRange,
  sampleShape,
} from '../format/chunk.js'
import { type ChunkIdTable, chunkName, findChunks } from '../format/chunk-id-encoder.js'
import type { IndexTable } from '../format/index-table.js'
import { decodePolygons } from '../format/polygon.js'
import { sequenceItemRange } from '../format/sequence-encoder.js'
import type { TensorMeta } from '../format/tensor-meta.js'
import type { TileEntry } from '../format/tile-encoder.js'
import type { SampleLayout } from '../htype/contract.js'
import { type NDArray, shapeSize } from '../ndarray.js'
import type { StorageProvider } from '../storage/contract.js'
import type { ChunkCache } from './chunk-cache.js'
import type { ChunkLocator } from './chunk-locator.js'
import { chunkFromParts, type LoadedChunk, loadChunk } from './loaded-chunk.js'
import { decodeUtf8, parsePythonJson } from './payload.js'
import { assembleTiles } from './tiles.js'

/** Decodes chunk text already checked to be ASCII (so no byte can be invalid). */
const asciiDecoder = new TextDecoder('utf-8')

/** A decoded sample: an array, a string, a JSON value, a list, polygons, or a sequence of these. */
export type SampleValue = NDArray | string | unknown

/** Reads a link target's bytes: the stored path and its creds index (0 = none). */
export type LinkReader = (path: string, credsIndex: number) => Promise<Uint8Array>

/** The parsed state of one tensor that reads depend on; replaced as a writer appends. */
export interface TensorState {
  readonly meta: TensorMeta
  readonly chunkIds: ChunkIdTable
  readonly tiles: ReadonlyMap<number, TileEntry>
  readonly sequences?: IndexTable
  readonly creds?: IndexTable
}

/** Everything the reader of one tensor at one commit needs; built by the dataset layer. */
export interface TensorReaderInit {
  readonly storage: StorageProvider
  readonly locator: ChunkLocator
  readonly cache: ChunkCache<LoadedChunk>
  readonly key: string
  readonly name: string
  readonly layout: SampleLayout
  readonly state: TensorState
  /** Codec of sample_compression (for links: of the linked files), if any. */
  readonly sampleCodec?: CompressionCodec
  /** Codec of chunk_compression, if any. */
  readonly chunkCodec?: CompressionCodec
  readonly readLink?: LinkReader
}

/**
 * Turns (tensor, index) into a decoded sample: finds the chunk(s) through the chunk-id encoder,
 * loads them through the shared cache, slices the payload with the chunk's encoders and decodes it
 * by the htype's layout. Arrays are views into the chunk data when it is stored uncompressed.
 */
export class TensorReader {
  private state!: TensorState
  private itemTotal = 0
  private sampleTotal = 0
  private dtype: NumericDtype | undefined
  private fixedShape: readonly number[] | undefined
  private sampleImpl?: CodecImplementation
  private chunkImpl?: CodecImplementation
  /** Set once prepare() ran: the sample codec, or null when the tensor has none. */
  private sampleCodec: CodecImplementation | null | undefined
  private lastItem = -2
  private readonly headers = new Map<string, ChunkHeader>()
  /** Chunk file names by chunk-id row, and storage keys by name: computed once, not per read. */
  private names: string[] = []
  private readonly keys = new Map<string, string>()
  /** Reused for compressed chunk files, which are dropped once decompressed. */
  private scratch: Uint8Array | undefined

  constructor(private readonly init: TensorReaderInit) {
    this.setState(init.state)
  }

  /** The tensor's current meta. */
  get meta(): TensorMeta {
    return this.state.meta
  }

  /** Number of flat items (samples, or sequence items). */
  get itemCount(): number {
    return this.itemTotal
  }

  /** Number of samples (sequences for sequence tensors). */
  get sampleCount(): number {
    return this.sampleTotal
  }

  /** Switches to a new state (after appends); `changedChunks` are dropped from the cache. */
  setState(state: TensorState, changedChunks: readonly string[] = []): void {
    this.state = state
    this.names = []
    const { meta } = state
    this.itemTotal = meta.length
    // After a crash between writing the sequence index and tensor_meta, only whole sequences count.
    this.sampleTotal = state.sequences ? completeSequences(state.sequences, meta.length) : meta.length
    this.dtype = isNumericDtype(meta.dtype) ? meta.dtype : undefined
    const sameShape =
      meta.minShape.length > 0 &&
      meta.minShape.length === meta.maxShape.length &&
      meta.minShape.every((d, axis) => d === meta.maxShape[axis])
    this.fixedShape = sameShape && this.init.layout === 'array' && !meta.isLink ? meta.maxShape : undefined
    for (const name of changedChunks) {
      this.init.cache.delete(`${this.init.key}\0${name}`)
      this.headers.delete(name)
      this.keys.delete(name)
    }
  }

  /** Loads the codec implementations this tensor needs; call once before reading. */
  async prepare(): Promise<void> {
    const { sampleCodec, chunkCodec } = this.init
    if (sampleCodec && !this.sampleImpl) this.sampleImpl = await loadCodec(sampleCodec)
    if (chunkCodec && !this.chunkImpl) this.chunkImpl = await loadCodec(chunkCodec)
    this.sampleCodec = this.sampleImpl ?? null
  }

  /** Range reads work where a sample's bytes sit in the chunk file as stored (no chunk compression). */
  private get rangeReadable(): boolean {
    return this.init.chunkCodec === undefined && this.init.storage.getRange !== undefined
  }

  private cacheKey(row: number): string {
    return `${this.init.key}\0${this.nameAt(row)}`
  }

  private nameAt(row: number): string {
    let name = this.names[row]
    if (name === undefined) {
      name = chunkName(this.state.chunkIds.ids[row]!)
      this.names[row] = name
    }
    return name
  }

  /** The storage key of chunk `name`, when the chunk maps needed to find it are loaded. */
  private keySync(name: string): string | undefined {
    let key = this.keys.get(name)
    if (key === undefined) {
      key = this.init.locator.locateSync(this.init.key, name)
      if (key !== undefined) this.keys.set(name, key)
    }
    return key
  }

  /** Starts loading chunk `row` in the background so a scan's next chunk is ready when reached. */
  private readAhead(row: number): void {
    if (this.init.cache.get(this.cacheKey(row))) return
    Promise.resolve(this.chunkAt(row)).catch(() => {}) // a failure surfaces when the chunk is read
  }

  /** Reads one sample through its chunk's header and byte range (sync when the store allows). */
  private async readByRange(row: number, local: number, item: number): Promise<SampleValue> {
    const name = this.nameAt(row)
    const key =
      this.init.locator.locateSync(this.init.key, name) ??
      (await this.init.locator.locate(this.init.key, name))
    const header = this.headers.get(name) ?? (await this.readHeader(name, key))
    let range = sampleByteRange(header, local)
    if (!range && this.fixedShape && this.dtype && !this.sampleImpl) {
      const size = shapeSize(this.fixedShape) * itemSize(this.dtype)
      range = { start: local * size, end: (local + 1) * size }
    }
    if (!range) {
      // No byte positions (image canvas, tiles): fall back to the whole chunk.
      return this.decode(await this.chunkAt(row), local, item)
    }
    const bytes = await this.readBytes(key, header.dataOffset + range.start, range.end - range.start)
    return this.decodePayload(bytes, () => this.shapeFromHeader(header, local), item, key)
  }

  private async readHeader(name: string, key: string): Promise<ChunkHeader> {
    let prefix = await this.readBytes(key, 0, 4096, true)
    const size = chunkHeaderSize(prefix, key)
    if (size === undefined)
      throw new ShoalError('CORRUPT_CHUNK', `chunk "${key}" is too short for a chunk header`, { key })
    if (size > prefix.byteLength) prefix = await this.readBytes(key, 0, size)
    const header = parseChunk(prefix.subarray(0, size), key)
    if (this.headers.size >= 4096) this.headers.delete(this.headers.keys().next().value!)
    this.headers.set(name, header)
    return header
  }

  /** `length` bytes at `offset` of `key`; `allowShort` for a header prefix of a small chunk. */
  private async readBytes(
    key: string,
    offset: number,
    length: number,
    allowShort = false,
  ): Promise<Uint8Array> {
    const { storage } = this.init
    let bytes: Uint8Array | undefined
    try {
      bytes = storage.getRangeSync
        ? storage.getRangeSync(key, { offset, length })
        : await storage.getRange!(key, { offset, length })
    } catch (cause) {
      throw this.chunkReadFailed(key, cause)
    }
    if (!bytes) throw this.chunkMissing(key)
    if (!allowShort && bytes.byteLength < length) {
      throw new ShoalError('CORRUPT_CHUNK', `chunk "${key}" ends before the sample it should hold`, {
        key,
        tensor: this.init.name,
        expected: `${offset + length} bytes`,
      })
    }
    return bytes
  }

  private shapeFromHeader(header: ChunkHeader, local: number): number[] {
    if (this.fixedShape) return [...this.fixedShape]
    return sampleShape(header, local) ?? new Array<number>(this.state.meta.maxShape.length).fill(0)
  }

  /** Sample `index` in user space: a sequence's item list for sequence tensors. */
  async read(index: number): Promise<SampleValue> {
    this.checkIndex(index, this.sampleCount)
    if (!this.state.sequences) return this.readItem(index)
    const { start, end } = sequenceItemRange(this.state.sequences, index)
    const items: SampleValue[] = []
    for (let item = start; item < end; item++) items.push(await this.readItem(item))
    return items
  }

  /**
   * Sample `index` decoded by the sample codec with caller options (a video's frame range, a point
   * cloud's fields). Only sample-compressed and linked tensors have a codec to pass them to.
   */
  async readWithOptions(index: number, options: DecodeOptions): Promise<SampleValue> {
    this.checkIndex(index, this.sampleCount)
    if (!this.sampleImpl) await this.prepare()
    const impl = this.sampleImpl
    if (!impl?.decodeSample) {
      throw new ShoalError(
        'UNSUPPORTED',
        `tensor "${this.init.name}" has no sample codec; read options apply only to sample-compressed tensors`,
        { tensor: this.init.name, index, expected: 'a tensor with a sample compression' },
      )
    }
    const one = async (item: number): Promise<NDArray> => {
      if (this.state.meta.isLink) {
        const { path, credsIndex } = await this.linkAt(item)
        if (!this.init.readLink)
          throw new ShoalError('UNSUPPORTED', 'this dataset was opened without link support')
        return this.decodeWithCodec(
          impl,
          await this.init.readLink(path, credsIndex),
          undefined,
          item,
          path,
          options,
        )
      }
      const bytes = await this.itemBytes(item)
      return this.decodeWithCodec(impl, bytes, await this.itemShape(item), item, `sample ${item}`, options)
    }
    if (!this.state.sequences) return one(index)
    const { start, end } = sequenceItemRange(this.state.sequences, index)
    const items: NDArray[] = []
    for (let item = start; item < end; item++) items.push(await one(item))
    return items
  }

  /**
   * Sample `index` without any await, when that is possible: its chunk is in the cache and no
   * async codec must run. Undefined otherwise (then use {@link read}). Scans use this to avoid a
   * promise per sample.
   */
  tryReadSync(index: number): SampleValue | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.sampleCount) return undefined
    if (!this.state.sequences) return this.tryReadItemSync(index)
    const { start, end } = sequenceItemRange(this.state.sequences, index)
    const items: SampleValue[] = []
    for (let item = start; item < end; item++) {
      const value = this.tryReadItemSync(item)
      if (value === undefined) return undefined
      items.push(value)
    }
    return items
  }

  private tryReadItemSync(item: number): SampleValue | undefined {
    if (this.sampleCodec === undefined || this.sampleCodec?.decodeSample || this.state.meta.isLink)
      return undefined
    if (this.init.chunkCodec && this.init.chunkCodec.kind !== 'byte') return undefined
    const found = findChunks(this.state.chunkIds, item)
    if (!found || found.count > 1 || this.state.tiles.has(item)) return undefined
    const local = item - this.rowFirstItem(found.first)
    const chunk = this.init.cache.get(this.cacheKey(found.first))
    if (!chunk) return this.tryReadByRangeSync(found.first, local, item)
    if (local === 0 && item === this.lastItem + 1 && found.first + 1 < this.state.chunkIds.ids.length) {
      this.readAhead(found.first + 1)
    }
    this.lastItem = item
    return this.decode(chunk, local, item) as SampleValue
  }

  /**
   * A random read without any await: header (cached) and sample bytes through the store's
   * synchronous range read. Undefined when the store has none, the read is part of a scan (whole
   * chunks are faster then), or anything needs the async path.
   */
  private tryReadByRangeSync(row: number, local: number, item: number): SampleValue | undefined {
    const { storage } = this.init
    if (!storage.getRangeSync || !this.rangeReadable || item === this.lastItem + 1) return undefined
    const name = this.nameAt(row)
    const header = this.headers.get(name)
    const key = header && this.keySync(name)
    if (!header || key === undefined) return undefined
    const range = sampleByteRange(header, local)
    if (!range) return undefined
    let bytes: Uint8Array | undefined
    try {
      bytes = storage.getRangeSync(key, {
        offset: header.dataOffset + range.start,
        length: range.end - range.start,
      })
    } catch (cause) {
      throw this.chunkReadFailed(key, cause)
    }
    if (!bytes) throw this.chunkMissing(key)
    if (bytes.byteLength < range.end - range.start) return undefined // let the async path report it
    this.lastItem = item
    return this.decodePayload(bytes, () => this.shapeFromHeader(header, local), item, key) as SampleValue
  }

  /** Flat item `item` (equal to the sample index for non-sequence tensors). */
  async readItem(item: number): Promise<SampleValue> {
    this.checkIndex(item, this.itemCount)
    if (this.sampleCodec === undefined) await this.prepare()
    const found = findChunks(this.state.chunkIds, item)
    if (!found) throw this.corruptIndex(item)
    if (found.count > 1 || this.state.tiles.has(item)) return this.readTiled(item, found.first, found.count)
    const sequential = item === this.lastItem + 1
    this.lastItem = item
    const local = item - this.rowFirstItem(found.first)
    const cached = this.init.cache.get(this.cacheKey(found.first))
    if (cached) return this.decode(cached, local, item)
    // A random read of an uncached chunk fetches its header and the one sample, not the whole chunk.
    if (!sequential && this.rangeReadable) return this.readByRange(found.first, local, item)
    const chunk = await this.chunkAt(found.first)
    if (sequential && found.first + 1 < this.state.chunkIds.ids.length) this.readAhead(found.first + 1)
    return this.decode(chunk, local, item)
  }

  /**
   * The one sample shape of a tensor whose samples can be read as one stacked block (same shape,
   * numeric, no sample codec, no image chunks, links or sequences); undefined otherwise.
   */
  get stackableShape(): readonly number[] | undefined {
    if (!this.fixedShape || !this.dtype || this.state.sequences || this.state.meta.isLink) return undefined
    if (this.init.sampleCodec) return undefined
    if (this.init.chunkCodec && this.init.chunkCodec.kind !== 'byte') return undefined
    return this.fixedShape
  }

  /**
   * Copies the raw elements of items [start, end) back to back into `into` (exactly
   * `(end - start) × sample bytes` long) and returns true; false when some item is tiled or the
   * tensor is not {@link stackableShape stackable}, and then `into` is unspecified. Uncompressed
   * chunks that are not cached are read straight into `into` where the store can (one `pread` per
   * chunk, no new buffer and no cache churn); others go through the chunk cache.
   */
  async readStackedInto(start: number, end: number, into: Uint8Array): Promise<boolean> {
    const shape = this.stackableShape
    if (!shape) return false
    if (start < end) this.checkIndex(end - 1, this.itemCount)
    const sampleBytes = shapeSize(shape) * itemSize(this.dtype!)
    if (into.byteLength !== (end - start) * sampleBytes) {
      throw new ShoalError(
        'INVALID_ARGUMENT',
        `tensor "${this.init.name}": a block of ${end - start} samples needs ${(end - start) * sampleBytes} bytes, got ${into.byteLength}`,
        { tensor: this.init.name, expected: `${(end - start) * sampleBytes} bytes` },
      )
    }
    if (this.sampleCodec === undefined) await this.prepare()
    const { storage } = this.init
    const direct = this.rangeReadable && storage.readIntoSync !== undefined
    let item = start
    while (item < end) {
      const found = findChunks(this.state.chunkIds, item)
      if (!found) throw this.corruptIndex(item)
      if (found.count > 1 || this.hasTileIn(item, end)) return false
      const row = found.first
      const first = this.rowFirstItem(row)
      const stop = Math.min(end, this.state.chunkIds.lastIndex[row]! + 1)
      const target = into.subarray((item - start) * sampleBytes, (stop - start) * sampleBytes)
      const cached = this.init.cache.get(this.cacheKey(row))
      if (cached || !direct) {
        const chunk = cached ?? (await this.chunkAt(row))
        const from = this.payload(chunk, item - first, item).byteOffset - chunk.data.byteOffset
        if (from + target.byteLength > chunk.data.byteLength) throw this.shortChunk(chunk.key, item)
        target.set(chunk.data.subarray(from, from + target.byteLength))
      } else {
        const name = this.nameAt(row)
        const key = this.keySync(name) ?? (await this.init.locator.locate(this.init.key, name))
        const header = this.headers.get(name) ?? (await this.readHeader(name, key))
        const range = sampleByteRange(header, item - first) ?? {
          start: (item - first) * sampleBytes,
          end: (item - first + 1) * sampleBytes,
        }
        let got: number | undefined
        try {
          got = storage.readIntoSync!(key, header.dataOffset + range.start, target)
        } catch (cause) {
          throw this.chunkReadFailed(key, cause)
        }
        if (got === undefined) throw this.chunkMissing(key)
        if (got < target.byteLength) throw this.shortChunk(key, item)
      }
      item = stop
    }
    this.lastItem = end - 1
    return true
  }

  private hasTileIn(start: number, end: number): boolean {
    if (this.state.tiles.size === 0) return false
    for (const index of this.state.tiles.keys()) if (index >= start && index < end) return true
    return false
  }

  private shortChunk(key: string, item: number): ShoalError {
    return new ShoalError(
      'CORRUPT_CHUNK',
      `chunk "${key}" ends before sample ${item} of tensor "${this.init.name}"`,
      {
        ...this.where(item, key),
        expected: 'the sample bytes its byte positions name',
      },
    )
  }

  /** The stored shape of flat item `item`, without decoding its payload. */
  async itemShape(item: number): Promise<number[]> {
    this.checkIndex(item, this.itemCount)
    if (this.fixedShape) return [...this.fixedShape]
    const tile = this.state.tiles.get(item)
    if (tile) return [...tile.sampleShape]
    await this.prepare()
    const found = findChunks(this.state.chunkIds, item)
    if (!found) throw this.corruptIndex(item)
    const chunk = await this.chunkAt(found.first)
    const local = item - this.rowFirstItem(found.first)
    return this.shapeOf(chunk, local)
  }

  /**
   * The bytes stored for flat item `item`: the compressed file for sample compression, the raw
   * element bytes otherwise (decompressed for lz4 chunks). Tiled and image-chunk samples have none.
   */
  async itemBytes(item: number): Promise<Uint8Array> {
    this.checkIndex(item, this.itemCount)
    await this.prepare()
    const found = findChunks(this.state.chunkIds, item)
    if (!found) throw this.corruptIndex(item)
    const imageChunk = this.init.chunkCodec !== undefined && this.init.chunkCodec.kind !== 'byte'
    if (found.count > 1 || this.state.tiles.has(item) || imageChunk) {
      throw new ShoalError(
        'UNSUPPORTED',
        `sample ${item} of tensor "${this.init.name}" is ${imageChunk ? 'part of an image-compressed chunk' : 'tiled'} and has no bytes of its own`,
        { tensor: this.init.name, index: item },
      )
    }
    const chunk = await this.chunkAt(found.first)
    return this.payload(chunk, item - this.rowFirstItem(found.first), item)
  }

  /** The stored link path of flat item `item` and its creds index. */
  async linkAt(item: number): Promise<{ path: string; credsIndex: number }> {
    this.checkIndex(item, this.itemCount)
    const found = findChunks(this.state.chunkIds, item)
    if (!found) throw this.corruptIndex(item)
    const chunk = await this.chunkAt(found.first)
    const local = item - this.rowFirstItem(found.first)
    const path = decodeUtf8(this.payload(chunk, local, item), this.where(item, chunk.key))
    return { path, credsIndex: this.credsIndex(item) }
  }

  /** Item ranges of sequence `index` (flat item space). */
  itemRange(index: number): { start: number; end: number } {
    this.checkIndex(index, this.sampleCount)
    return this.state.sequences
      ? sequenceItemRange(this.state.sequences, index)
      : { start: index, end: index + 1 }
  }

  private credsIndex(item: number): number {
    const table = this.state.creds
    if (!table || table.rows === 0) return 0
    let lo = 0
    let hi = table.rows - 1
    if (table.data[hi * 2 + 1]! < item) return 0
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (table.data[mid * 2 + 1]! >= item) hi = mid
      else lo = mid + 1
    }
    return table.data[lo * 2]!
  }

  private rowFirstItem(row: number): number {
    return row === 0 ? 0 : this.state.chunkIds.lastIndex[row - 1]! + 1
  }

  private chunkAt(row: number): LoadedChunk | Promise<LoadedChunk> {
    const name = this.nameAt(row)
    return this.init.cache.getOrLoad(this.cacheKey(row), async () => {
      const key = await this.init.locator.locate(this.init.key, name)
      if (this.rangeReadable) {
        // Header, then the data section into a buffer of its own: element-aligned, so typed
        // views of samples need no copy (the data section starts at an odd offset in the file).
        const header = this.headers.get(name) ?? (await this.readHeader(name, key))
        let data: Uint8Array | undefined
        try {
          data = await this.init.storage.getRange!(key, {
            offset: header.dataOffset,
            length: Number.MAX_SAFE_INTEGER,
          })
        } catch (cause) {
          throw this.chunkReadFailed(key, cause)
        }
        if (!data) throw this.chunkMissing(key)
        return { value: chunkFromParts(header, data, key), bytes: data.byteLength }
      }
      const byteCodec = this.init.chunkCodec?.kind === 'byte' ? this.chunkImpl : undefined
      if (byteCodec?.decompressBytes && this.init.storage.readIntoSync) {
        const chunk = this.loadThroughScratch(key, byteCodec)
        return { value: chunk, bytes: chunk.data.byteLength }
      }
      let bytes: Uint8Array | undefined
      try {
        bytes = await this.init.storage.get(key)
      } catch (cause) {
        throw this.chunkReadFailed(key, cause)
      }
      if (!bytes) throw this.chunkMissing(key)
      const chunk = loadChunk(bytes, key, byteCodec)
      return { value: chunk, bytes: bytes.byteLength + (byteCodec ? chunk.data.byteLength : 0) }
    })
  }

  /**
   * Loads a byte-compressed chunk by reading the file into one scratch buffer the reader keeps
   * (the compressed bytes are dropped once decompressed, so a fresh buffer per chunk would only
   * cost page faults). Synchronous from read to decompression, so loads never share the scratch.
   */
  private loadThroughScratch(key: string, byteCodec: CodecImplementation): LoadedChunk {
    const read = this.init.storage.readIntoSync!
    let got: number | undefined
    for (;;) {
      this.scratch ??= new Uint8Array(1 << 20)
      try {
        got = read(key, 0, this.scratch)
      } catch (cause) {
        throw this.chunkReadFailed(key, cause)
      }
      if (got === undefined) throw this.chunkMissing(key)
      if (got < this.scratch.byteLength) break
      this.scratch = new Uint8Array(this.scratch.byteLength * 2)
    }
    const file = this.scratch.subarray(0, got)
    // The header's tables view the bytes they are parsed from: parse a copy that outlives the scratch.
    const headerSize = chunkHeaderSize(file, key) ?? file.byteLength
    const header = parseChunk(file.slice(0, headerSize), key)
    let { data } = loadChunk(file, key, byteCodec)
    if (data.buffer === file.buffer) data = data.slice() // a codec that hands back its input
    return chunkFromParts(header, data, key)
  }

  private shapeOf(chunk: LoadedChunk, local: number): number[] {
    if (this.fixedShape) return [...this.fixedShape]
    const shape = sampleShape(chunk.header, local)
    if (shape) return shape
    // Samples appended before the tensor's rank was known have no shape row (spec §2.2).
    return new Array<number>(this.state.meta.maxShape.length).fill(0)
  }

  private payload(chunk: LoadedChunk, local: number, item: number): Uint8Array {
    const range = sampleByteRange(chunk.header, local)
    if (range) return chunk.data.subarray(range.start, range.end)
    if (this.fixedShape && this.dtype && !this.sampleImpl) {
      const size = shapeSize(this.fixedShape) * itemSize(this.dtype)
      const start = local * size
      if (start + size <= chunk.data.byteLength) return chunk.data.subarray(start, start + size)
    }
    throw new ShoalError(
      'CORRUPT_CHUNK',
      `chunk "${chunk.key}" has no byte position for sample ${item} of tensor "${this.init.name}"`,
      { ...this.where(item, chunk.key), expected: 'a byte-positions row covering the sample' },
    )
  }

  private decode(chunk: LoadedChunk, local: number, item: number): SampleValue | Promise<SampleValue> {
    if (this.state.meta.isLink) return this.decodeLink(chunk, local, item)
    if (this.init.chunkCodec && this.init.chunkCodec.kind !== 'byte')
      return this.sliceCanvas(chunk, local, item)
    const { layout } = this.init
    if ((layout === 'text' || layout === 'json') && !this.sampleImpl) {
      const text = this.asciiText(chunk, local, item)
      if (text !== undefined) {
        if (layout === 'text') return text
        return text.length === 0 ? {} : parsePythonJson(text, this.where(item, chunk.key))
      }
    }
    return this.decodePayload(
      this.payload(chunk, local, item),
      () => this.shapeOf(chunk, local),
      item,
      chunk.key,
    )
  }

  /**
   * Sample `local` of a pure-ASCII text chunk as a slice of the chunk's text, decoded once per
   * chunk instead of once per sample; undefined when the chunk has other bytes.
   */
  private asciiText(chunk: LoadedChunk, local: number, item: number): string | undefined {
    if (chunk.ascii === undefined) {
      chunk.ascii = isAscii(chunk.data) ? asciiDecoder.decode(chunk.data) : null
    }
    if (chunk.ascii === null) return undefined
    const payload = this.payload(chunk, local, item)
    const start = payload.byteOffset - chunk.data.byteOffset
    return chunk.ascii.slice(start, start + payload.byteLength)
  }

  /** Decodes one stored payload by the tensor's layout; `shape` is asked for only where needed. */
  private decodePayload(
    payload: Uint8Array,
    shape: () => number[],
    item: number,
    key: string,
  ): SampleValue | Promise<SampleValue> {
    const { layout } = this.init
    if (this.state.meta.isLink) return this.decodeLinkPath(payload, item, key)
    if (layout === 'array') return this.decodeArray(payload, shape(), item, key)
    const where = this.where(item, key)
    const bytes = this.sampleImpl?.decompressBytes ? this.decompress(payload, item, key) : payload
    switch (layout) {
      case 'text':
        return decodeUtf8(bytes, where)
      case 'json':
        return bytes.byteLength === 0 ? {} : parsePythonJson(decodeUtf8(bytes, where), where)
      case 'list':
        return bytes.byteLength === 0 ? [] : parsePythonJson(decodeUtf8(bytes, where), where)
      case 'polygon': {
        if (bytes.byteLength === 0) return []
        const dtype = this.requireDtype()
        return decodePolygons(bytes, dtype, shape()[2] ?? 2, key).map(
          (polygon): NDArray => ({ dtype, shape: polygon.shape, data: polygon.data }),
        )
      }
    }
  }

  /** Decodes an array payload; synchronous unless a sample codec (png, …) must run. */
  private decodeArray(
    bytes: Uint8Array,
    shape: number[],
    item: number,
    key: string,
  ): NDArray | Promise<NDArray> {
    const dtype = this.requireDtype()
    const count = shapeSize(shape)
    if (count === 0) return { dtype, shape, data: allocTyped(dtype, 0) }
    const impl = this.sampleImpl
    if (impl?.decompressBytes) bytes = this.decompress(bytes, item, key)
    else if (impl?.decodeSample) {
      return this.decodeWithCodec(impl, bytes, shape, item, key).then((decoded) => fitShape(decoded, shape))
    }
    const expectedBytes = count * itemSize(dtype)
    if (bytes.byteLength !== expectedBytes) {
      throw new ShoalError(
        'CORRUPT_CHUNK',
        `sample ${item} of tensor "${this.init.name}" has ${bytes.byteLength} bytes; shape [${shape.join(', ')}] of ${dtype} needs ${expectedBytes}`,
        { ...this.where(item, key), expected: `${expectedBytes} bytes` },
      )
    }
    return { dtype, shape, data: typedView(dtype, bytes) }
  }

  private async decodeWithCodec(
    impl: CodecImplementation,
    bytes: Uint8Array,
    shape: readonly number[] | undefined,
    item: number,
    key: string,
    options?: DecodeOptions,
  ): Promise<NDArray> {
    const codec = this.init.sampleCodec ?? this.init.chunkCodec
    try {
      return await impl.decodeSample!(bytes, {
        dtype: this.requireDtype(),
        ...(shape ? { shape } : {}),
        tensor: this.init.name,
        index: item,
        htype: this.state.meta.htype ?? 'generic',
        ...(options ? { options } : {}),
      })
    } catch (cause) {
      if ((cause as { code?: unknown }).code !== undefined && (cause as ShoalError).tensor !== undefined)
        throw cause
      throw new ShoalError(
        'CHUNK_CODEC',
        `could not decode sample ${item} of tensor "${this.init.name}" as ${codec?.name}: ${(cause as Error).message}`,
        { ...this.where(item, key), cause, expected: `a ${codec?.name} file` },
      )
    }
  }

  private decompress(bytes: Uint8Array, item: number, key: string): Uint8Array {
    try {
      return this.sampleImpl!.decompressBytes!(bytes)
    } catch (cause) {
      throw new ShoalError(
        'CORRUPT_CHUNK',
        `sample ${item} of tensor "${this.init.name}" is not a valid ${this.init.sampleCodec?.name} payload: ${(cause as Error).message}`,
        { ...this.where(item, key), cause, expected: `a ${this.init.sampleCodec?.name} block` },
      )
    }
  }

  private decodeLink(chunk: LoadedChunk, local: number, item: number): Promise<SampleValue> {
    return this.decodeLinkPath(this.payload(chunk, local, item), item, chunk.key)
  }

  private async decodeLinkPath(payload: Uint8Array, item: number, key: string): Promise<SampleValue> {
    const path = decodeUtf8(payload, this.where(item, key))
    const { readLink } = this.init
    if (!readLink) throw new ShoalError('UNSUPPORTED', 'this dataset was opened without link support')
    if (path === '')
      return { dtype: this.requireDtype(), shape: [0], data: allocTyped(this.requireDtype(), 0) }
    const bytes = await readLink(path, this.credsIndex(item))
    const impl = this.sampleImpl
    if (!impl?.decodeSample) {
      throw new ShoalError(
        'UNSUPPORTED',
        `tensor "${this.init.name}" links to ${this.state.meta.sampleCompression ?? 'unknown'} files, which no registered codec decodes`,
        { tensor: this.init.name, index: item },
      )
    }
    return this.decodeWithCodec(impl, bytes, undefined, item, key)
  }

  /** Image chunk compression: every sample is a column band of one decoded canvas (spec §2.4.3). */
  private async sliceCanvas(chunk: LoadedChunk, local: number, item: number): Promise<NDArray> {
    const dtype = this.requireDtype()
    const shape = this.shapeOf(chunk, local)
    if (shapeSize(shape) === 0) return { dtype, shape, data: allocTyped(dtype, 0) }
    chunk.canvas ??= this.decodeWithCodec(this.chunkImpl!, chunk.data, undefined, item, chunk.key)
    const canvas = await chunk.canvas
    // Each sample's first column, computed once per chunk: empty samples take no width.
    if (!chunk.columns) {
      const columns = [0]
      for (let k = 0; k < chunkSampleCount(chunk.header); k++) {
        const s = this.shapeOf(chunk, k)
        columns.push(columns[k]! + (s.some((d) => d !== 0) ? (s[1] ?? 0) : 0))
      }
      chunk.columns = columns
    }
    const x0 = chunk.columns[local] ?? 0
    const [height, width] = shape as [number, number]
    const channels = shape.length > 2 ? shape[2]! : 1
    const canvasWidth = canvas.shape[1]!
    const canvasChannels = canvas.shape.length > 2 ? canvas.shape[2]! : 1
    if (canvasChannels !== channels || height > canvas.shape[0]! || x0 + width > canvasWidth) {
      throw new ShoalError(
        'CORRUPT_CHUNK',
        `the image canvas of chunk "${chunk.key}" (${canvas.shape.join('x')}) cannot hold sample ${item} (${shape.join('x')}) at column ${x0}`,
        this.where(item, chunk.key),
      )
    }
    const size = itemSize(dtype)
    const out = new Uint8Array(shapeSize(shape) * size)
    const src = new Uint8Array(canvas.data.buffer, canvas.data.byteOffset, canvas.data.byteLength)
    const rowBytes = width * channels * size
    for (let y = 0; y < height; y++) {
      const from = (y * canvasWidth + x0) * channels * size
      out.set(src.subarray(from, from + rowBytes), y * rowBytes)
    }
    return { dtype, shape, data: typedView(dtype, out) }
  }

  private async readTiled(item: number, firstRow: number, count: number): Promise<NDArray> {
    const tile = this.state.tiles.get(item)
    if (!tile) {
      throw new ShoalError(
        'CORRUPT_CHUNK',
        `sample ${item} of tensor "${this.init.name}" spans ${count} chunks but the tile index has no entry for it`,
        { tensor: this.init.name, index: item, expected: 'a tiles_index entry' },
      )
    }
    const chunks: LoadedChunk[] = []
    for (let row = firstRow; row < firstRow + count; row++) chunks.push(await this.chunkAt(row))
    const dtype = this.requireDtype()
    const decodeTile = async (chunk: LoadedChunk, tileShape: number[]): Promise<Uint8Array> => {
      const bytes = chunk.data
      if (bytes.byteLength === 0) return new Uint8Array(shapeSize(tileShape) * itemSize(dtype))
      const impl = this.sampleImpl ?? (this.init.chunkCodec?.kind === 'byte' ? undefined : this.chunkImpl)
      if (this.sampleImpl?.decompressBytes) return this.decompress(bytes, item, chunk.key)
      if (impl?.decodeSample) {
        const array = fitShape(await this.decodeWithCodec(impl, bytes, tileShape, item, chunk.key), tileShape)
        return new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength)
      }
      return bytes
    }
    const out = await assembleTiles(tile, chunks, dtype, decodeTile, (chunk) => {
      // A tile's shape is its chunk's one shape row, never the tensor's fixed sample shape.
      const shape = sampleShape(chunk.header, 0)
      if (!shape)
        throw new ShoalError('CORRUPT_CHUNK', `tile chunk "${chunk.key}" has no shape row`, {
          key: chunk.key,
        })
      return shape
    })
    return out
  }

  private requireDtype(): NumericDtype {
    if (this.dtype) return this.dtype
    throw new ShoalError(
      'INVALID_METADATA',
      `tensor "${this.init.name}" has dtype ${JSON.stringify(this.state.meta.dtype)}, which is not a numeric dtype`,
      { tensor: this.init.name, key: `${this.init.key}/tensor_meta.json`, expected: 'a numpy dtype name' },
    )
  }

  private checkIndex(index: number, length: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= length) {
      throw new ShoalError(
        'INDEX_OUT_OF_RANGE',
        `index ${index} is out of range for tensor "${this.init.name}" of length ${length}`,
        { tensor: this.init.name, index, expected: `an integer in [0, ${length})` },
      )
    }
  }

  private chunkReadFailed(key: string, cause: unknown): ShoalError {
    return new ShoalError('STORAGE', `could not read chunk "${key}" of tensor "${this.init.name}"`, {
      key,
      tensor: this.init.name,
      cause,
    })
  }

  private chunkMissing(key: string): ShoalError {
    return new ShoalError(
      'NOT_FOUND',
      `chunk "${key}" of tensor "${this.init.name}" is missing: the chunk index names it but storage has no such key`,
      { key, tensor: this.init.name, expected: 'the chunk file named by chunks_index' },
    )
  }

  private corruptIndex(item: number): ShoalError {
    const key = `${this.init.key}/chunks_index/unsharded`
    return new ShoalError(
      'CORRUPT_CHUNK',
      `the chunk index "${key}" of tensor "${this.init.name}" does not cover sample ${item} (tensor_meta says length ${this.state.meta.length})`,
      { key, tensor: this.init.name, index: item, expected: 'chunk rows up to the tensor length' },
    )
  }

  private where(index: number, key: string) {
    return { tensor: this.init.name, index, key }
  }
}

/** Gives a decoded array the stored shape when only the rank differs (gray (H,W) stored as (H,W,1)). */
function fitShape(array: NDArray, shape: readonly number[]): NDArray {
  if (array.shape.length === shape.length && array.shape.every((d, i) => d === shape[i])) return array
  if (shapeSize(array.shape) === shapeSize(shape)) return { ...array, shape: [...shape] }
  return array
}

/** How many sequences end within the first `items` items. */
function completeSequences(table: IndexTable, items: number): number {
  if (table.rows === 0) return 0
  const lastRow = table.rows - 1
  const lastFirst = lastRow === 0 ? 0 : table.data[lastRow * 3 - 1]! + 1
  const lastSequence = table.data[lastRow * 3 + 2]!
  const end = table.data[lastRow * 3 + 1]! + (lastSequence - lastFirst + 1) * table.data[lastRow * 3]!
  if (end <= items) return lastSequence + 1
  let count = 0
  for (let row = 0; row < table.rows; row++) {
    const perSequence = table.data[row * 3]!
    const start = table.data[row * 3 + 1]!
    const last = table.data[row * 3 + 2]!
    const first = row === 0 ? 0 : table.data[row * 3 - 1]! + 1
    for (let seq = first; seq <= last; seq++) {
      if (start + (seq - first + 1) * perSequence > items) return count
      count++
    }
  }
  return count
}
