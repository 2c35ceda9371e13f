import { ShoalError } from '../errors.js'
import { chunkSampleCount, parseChunk, sampleByteRange, sampleShape } from '../format/chunk.js'
import {
  ChunkIdTableBuilder,
  chunkName,
  encodeChunkIds,
  findChunks,
  randomChunkId,
} from '../format/chunk-id-encoder.js'
import { encodeChunkSet, parseChunkSet } from '../format/chunk-set.js'
import { type CommitDiff, encodeCommitDiff } from '../format/commit-diff.js'
import { encodeCredsIndex } from '../format/creds-encoder.js'
import { encodeCustomJson } from '../format/custom-json.js'
import { BytePositionsBuilder, IndexTableBuilder } from '../format/index-table.js'
import { commitPath, FIRST_COMMIT_ID, FORMAT_VERSION, tensorFiles } from '../format/keys.js'
import { pythonJson } from '../format/python-json.js'
import { encodeSequenceIndex } from '../format/sequence-encoder.js'
import { serializeTensorMeta, type TensorMeta } from '../format/tensor-meta.js'
import { encodeTiles, type TileEntry } from '../format/tile-encoder.js'
import type { StorageProvider } from '../storage/contract.js'
import { sharedChunkBuffers } from './buffer-pool.js'
import type { CanvasSample } from './canvas.js'
import { ChunkBuilder, HEADER_ROOM } from './chunk-builder.js'
import type { TensorState } from './tensor-reader.js'

/** One flat item ready to store: its payload and stored shape, or its tiles. */
export interface EncodedItem {
  readonly payload: Uint8Array
  /** Stored shape; undefined only for an empty sample of a tensor whose rank is not known yet. */
  readonly shape: readonly number[] | undefined
  /** The shape min/max_shape track when it differs from `shape` (a link's file); null = none. */
  readonly metaShape?: readonly number[] | null
  /** Set when the sample is split into tiles, one chunk each (spec §2.7). */
  readonly tiles?: {
    readonly sampleShape: readonly number[]
    readonly tileShape: readonly number[]
    readonly parts: readonly { readonly payload: Uint8Array; readonly shape: readonly number[] }[]
  }
}

/** What a tensor writer starts from: the tensor's current state at the head commit. */
export interface TensorWriterInit extends TensorState {
  readonly storage: StorageProvider
  /** The head commit being written (FIRST for a fresh dataset). */
  readonly commit: string
  readonly key: string
  readonly name: string
  readonly info: Record<string, unknown>
  readonly commitDiff: CommitDiff
  /** lz4 (or another byte codec) for chunk compression. */
  readonly compressChunk?: (data: Uint8Array) => Uint8Array
  /** Image chunk compression: encodes the canvas of a chunk's samples into one image file. */
  readonly encodeCanvas?: (samples: readonly CanvasSample[]) => Promise<Uint8Array>
  /** Reads an existing chunk file by name (through the commit chain), for updates. */
  readonly readChunk?: (chunkName: string) => Promise<Uint8Array>
  /** Undoes chunk compression when an existing chunk is loaded for an update. */
  readonly decompressChunk?: (data: Uint8Array) => Uint8Array
  /** Told about every chunk file written, so readers find chunks not yet in chunk_set. */
  readonly onChunkWritten?: (tensorKey: string, chunkName: string) => void
}

const DEFAULT_MAX_CHUNK_SIZE = 16_000_000

/** The most header room a chunk reserves in front of its data (a header row per sample of text). */
const MAX_HEADER_ROOM = 8 << 20

/**
 * Appends to one tensor. Samples go into an in-memory chunk; a full chunk is written at once
 * (it is invisible until the chunk index names it), and `flush` writes, in this order, the open
 * chunk, the chunk map, the encoders, the info, the commit diff, and last tensor_meta.json — so
 * after a crash at any point readers see a prefix of what was appended.
 */
export class TensorWriter {
  meta: TensorMeta
  info: Record<string, unknown>
  private readonly chunkIds: ChunkIdTableBuilder
  private readonly tiles: Map<number, TileEntry>
  private readonly sequences: BytePositionsBuilder | undefined
  private readonly creds: IndexTableBuilder | undefined
  private readonly commitDiff: CommitDiff
  private open: ChunkBuilder | undefined
  private sealed: Promise<void> = Promise.resolve()
  /** Every sealed write but the newest: awaited before another chunk is sealed. */
  private previousSeal: Promise<void> = Promise.resolve()
  private readonly writtenChunks = new Set<string>()
  private chunkSet: Map<string, { commit?: string; key?: string }> | undefined
  private metaDirty = false
  private infoDirty = false
  private changed: string[] = []
  /** Header room of new chunks: grows to fit the largest header written (text: a row per sample). */
  private headerRoom = HEADER_ROOM
  private sealedOnce = false
  private openWrites: Promise<void> = Promise.resolve()
  private shapeTracked = false

  constructor(private readonly init: TensorWriterInit) {
    this.meta = { ...init.meta, minShape: [...init.meta.minShape], maxShape: [...init.meta.maxShape] }
    this.info = init.info
    this.chunkIds = new ChunkIdTableBuilder(init.chunkIds)
    this.tiles = new Map(init.tiles)
    this.sequences = init.meta.isSequence ? new BytePositionsBuilder(init.sequences) : undefined
    this.creds = init.meta.isLink ? new IndexTableBuilder(2, init.creds) : undefined
    this.commitDiff = { ...init.commitDiff, updated: [...init.commitDiff.updated] }
  }

  /** The state readers use, reflecting everything appended (flushed or not). */
  state(): TensorState {
    return {
      meta: this.meta,
      chunkIds: this.chunkIds.toTable(),
      tiles: this.tiles,
      ...(this.sequences ? { sequences: this.sequences.toTable() } : {}),
      ...(this.creds ? { creds: this.creds.toTable() } : {}),
    }
  }

  /** True when something appended is not yet durable. */
  get dirty(): boolean {
    return this.metaDirty || this.infoDirty || (this.open?.dirty ?? false)
  }

  /** Chunk names rewritten since the last call (readers drop them from their cache). */
  takeChangedChunks(): string[] {
    const out = this.changed
    this.changed = []
    return out
  }

  /**
   * Appends already validated and encoded items; `itemShapes` feed min/max shape. The caller has
   * validated the whole batch first, so nothing here can fail on bad input.
   */
  async append(items: readonly EncodedItem[]): Promise<void> {
    const minChunk = Math.floor((this.meta.maxChunkSize ?? DEFAULT_MAX_CHUNK_SIZE) / 2)
    // Bytes still to come in this batch: sizes a first chunk up front instead of growing it by doubling.
    let batchBytes = 0
    for (const item of items) batchBytes += item.tiles ? 0 : item.payload.byteLength
    for (const item of items) {
      const index = this.meta.length
      if (item.tiles) {
        await this.sealOpen()
        for (const part of item.tiles.parts) {
          const tile = new ChunkBuilder(
            randomChunkId(),
            part.shape.length,
            undefined,
            part.payload.byteLength,
          )
          tile.addTile(part.payload, part.shape)
          this.chunkIds.append(tile.id, index)
          await this.writeChunk(tile)
        }
        this.tiles.set(index, {
          sampleShape: [...item.tiles.sampleShape],
          tileShape: [...item.tiles.tileShape],
        })
      } else {
        const open = await this.chunkFor(
          item.payload.byteLength,
          batchBytes,
          minChunk,
          this.meta.maxShape.length || undefined,
        )
        open.add(item.payload, item.shape)
        batchBytes -= item.payload.byteLength
        this.chunkIds.setLastIndex(this.chunkIds.rows - 1, index)
      }
      this.meta.length = index + 1
      const shape = item.metaShape === undefined ? (item.tiles?.sampleShape ?? item.shape) : item.metaShape
      if (shape) this.trackShape(shape)
    }
    if (items.length > 0) {
      this.commitDiff.addedEnd = this.meta.length
      this.metaDirty = true
    }
  }

  /**
   * {@link append} for a packed batch: `ends.length` items whose payloads lie back to back in
   * `bytes` (item k ends at `ends[k]`), all of one `shape` and none tiled. Chunks split where
   * `append` would split them; the work per item is a few integer writes.
   */
  async appendPacked(bytes: Uint8Array, ends: Uint32Array, shape: readonly number[]): Promise<void> {
    const count = ends.length
    if (count === 0) return
    const minChunk = Math.floor((this.meta.maxChunkSize ?? DEFAULT_MAX_CHUNK_SIZE) / 2)
    let from = 0
    while (from < count) {
      const start = from === 0 ? 0 : ends[from - 1]!
      const open = await this.chunkFor(ends[from]! - start, ends[count - 1]! - start, minChunk, shape.length)
      // The first item always goes in (a lone oversized item gets a chunk of its own); then as
      // many as keep the chunk within its target size.
      const room = minChunk - open.dataBytes
      let to = from + 1
      while (to < count && ends[to]! - start <= room) to++
      open.addPacked(bytes, ends, from, to, shape)
      this.meta.length += to - from
      this.chunkIds.setLastIndex(this.chunkIds.rows - 1, this.meta.length - 1)
      from = to
    }
    this.trackShape(shape)
    this.commitDiff.addedEnd = this.meta.length
    this.metaDirty = true
  }

  /**
   * The open chunk, ready for an item of `itemBytes`: the current one is sealed first when the
   * item would take it past `minChunk`, and a new one is opened when there is none. `bytesLeft`
   * (this item and the rest of its batch) sizes a new chunk's buffer up front.
   */
  private async chunkFor(
    itemBytes: number,
    bytesLeft: number,
    minChunk: number,
    ndim: number | undefined,
  ): Promise<ChunkBuilder> {
    if (this.open && this.open.length > 0 && this.open.dataBytes + itemBytes > minChunk) await this.sealOpen()
    if (!this.open) {
      // After the first full chunk, chunks fill to the same size: take a pooled buffer of that size.
      // Batches of a sizeable fraction of a chunk will fill it: reserve it whole at once, so
      // it is not grown by doubling through several fresh buffers.
      const expected = this.sealedOnce || bytesLeft >= minChunk / 16 ? minChunk + itemBytes : bytesLeft
      this.open = new ChunkBuilder(randomChunkId(), ndim, sharedChunkBuffers, expected, this.headerRoom)
      this.chunkIds.append(this.open.id, this.meta.length)
    }
    return this.open
  }

  /**
   * Replaces flat item `index` with an encoded item. The chunk holding it is rewritten under the
   * head commit with the same name (copy-on-write when it belongs to an ancestor commit); the
   * encoders keep their rows, so a crash leaves either the old or the new value.
   */
  async replace(index: number, item: EncodedItem): Promise<void> {
    const { table, found } = this.checkReplaceable(index, item)
    const id = table.ids[found.first]!
    const local = index - (found.first === 0 ? 0 : table.lastIndex[found.first - 1]! + 1)
    const builder = this.open?.id === id ? this.open : await this.loadBuilder(id)
    builder.replace(local, item.payload, item.shape)
    if (builder !== this.open) await this.writeChunk(builder)
    const shape = item.metaShape === undefined ? item.shape : item.metaShape
    if (shape) this.trackShape(shape)
    if (!this.commitDiff.updated.includes(index)) this.commitDiff.updated.push(index)
    this.metaDirty = true
  }

  /**
   * Throws unless `replace(index, item)` can be done, so callers can check before they change
   * anything else (class names, dtype) for the update.
   */
  checkReplaceable(index: number, item: EncodedItem) {
    const table = this.chunkIds.toTable()
    const found = findChunks(table, index)
    if (!found) {
      throw new ShoalError('INDEX_OUT_OF_RANGE', `tensor "${this.init.name}" has no sample ${index}`, {
        tensor: this.init.name,
        index,
      })
    }
    if (item.tiles || found.count > 1 || this.tiles.has(index)) {
      throw new ShoalError(
        'UNSUPPORTED',
        `tensor "${this.init.name}", sample ${index}: updating tiled samples is not supported yet`,
        { tensor: this.init.name, index },
      )
    }
    return { table, found }
  }

  private async loadBuilder(id: bigint): Promise<ChunkBuilder> {
    const name = chunkName(id)
    if (!this.init.readChunk)
      throw new ShoalError('UNSUPPORTED', `tensor "${this.init.name}": this writer cannot read chunks back`)
    const bytes = await this.init.readChunk(name)
    const header = parseChunk(bytes, name)
    let data = bytes.subarray(header.dataOffset)
    if (this.init.compressChunk) {
      if (!this.init.decompressChunk)
        throw new ShoalError('UNSUPPORTED', `tensor "${this.init.name}": cannot decompress chunk ${name}`)
      data = this.init.decompressChunk(data)
    }
    const builder = new ChunkBuilder(id, header.shapes.cols > 0 ? header.shapes.cols - 1 : undefined)
    const count = chunkSampleCount(header)
    for (let local = 0; local < count; local++) {
      const range = sampleByteRange(header, local)
      if (!range) {
        throw new ShoalError(
          'UNSUPPORTED',
          `chunk "${name}" of tensor "${this.init.name}" has no byte positions; it cannot be updated in place`,
          {
            tensor: this.init.name,
          },
        )
      }
      builder.add(data.slice(range.start, range.end), sampleShape(header, local))
    }
    return builder
  }

  /** Records that the next sequence holds `items` items (sequence tensors). */
  appendSequence(items: number): void {
    this.sequences!.append(items)
  }

  /** Records the creds index of the next `count` link items (link tensors). */
  appendCreds(credsIndex: number, count = 1): void {
    this.creds!.appendRun([credsIndex], count)
  }

  /** Marks tensor_info.json for rewriting. */
  markInfoChanged(): void {
    this.infoDirty = true
    this.commitDiff.infoUpdated = true
  }

  /** Marks tensor_meta.json for rewriting (dtype inferred, htype set). */
  markMetaChanged(): void {
    this.metaDirty = true
  }

  /**
   * Writes the open chunk (not the encoders or meta) so readers can load the samples still in
   * memory; on disk nothing changes for other readers until the next flush.
   */
  async writeOpenChunk(): Promise<void> {
    await this.sealed
    await this.writeOpen()
  }

  /**
   * Hands the open chunk's buffer back to the shared pool once its file is written (the dataset is
   * closing); a later append starts a new chunk.
   */
  async releaseOpenChunk(): Promise<void> {
    await this.openWrites
    if (!this.open || this.open.dirty) return
    this.open.release()
    this.open = undefined
  }

  /** True while the open chunk holds samples no file has yet. */
  get hasUnwrittenChunk(): boolean {
    return this.open?.dirty ?? false
  }

  /** Writes the open chunk, one write at a time: its header is encoded in place in its buffer. */
  private writeOpen(): Promise<void> {
    const run = this.openWrites.then(async () => {
      if (this.open?.dirty) await this.writeChunk(this.open)
    })
    this.openWrites = run.catch(() => {})
    return run
  }

  /** Writes everything appended so far, in crash-safe order. */
  async flush(): Promise<void> {
    await this.sealed
    await this.writeOpen()
    if (!this.metaDirty && !this.infoDirty) return
    const at = (file: string) => commitPath(this.init.commit, file)
    const { storage, key } = this.init
    const set = storage.set!
    if (this.init.commit !== FIRST_COMMIT_ID && this.writtenChunks.size > 0) {
      this.chunkSet ??= await this.loadChunkSet()
      for (const name of this.writtenChunks) this.chunkSet.set(name, {})
      this.writtenChunks.clear()
      await set(at(tensorFiles.chunkSet(key)), new TextEncoder().encode(encodeChunkSet(this.chunkSet)))
    }
    if (this.metaDirty) {
      await set(at(tensorFiles.chunkIndex(key)), encodeChunkIds(this.chunkIds.toTable(), FORMAT_VERSION))
      await set(at(tensorFiles.tileIndex(key)), encodeTiles(this.tiles, FORMAT_VERSION))
      if (this.sequences) {
        await set(
          at(tensorFiles.sequenceIndex(key)),
          encodeSequenceIndex(this.sequences.toTable(), FORMAT_VERSION),
        )
      }
      if (this.creds)
        await set(at(tensorFiles.credsIndex(key)), encodeCredsIndex(this.creds.toTable(), FORMAT_VERSION))
    }
    if (this.infoDirty) {
      const text = pythonJson(encodeCustomJson(this.info), { indent: 4, sortKeys: true })
      await set(at(tensorFiles.info(key)), new TextEncoder().encode(text))
    }
    await set(at(tensorFiles.commitDiff(key)), encodeCommitDiff(this.commitDiff))
    await set(at(tensorFiles.meta(key)), serializeTensorMeta(this.meta))
    this.metaDirty = false
    this.infoDirty = false
  }

  private trackShape(shape: readonly number[]): void {
    const { minShape, maxShape } = this.meta
    if (!this.shapeTracked && (maxShape.length === 0 || this.init.meta.length === 0)) {
      this.shapeTracked = true
      this.meta.minShape = [...shape]
      this.meta.maxShape = [...shape]
      return
    }
    for (let axis = 0; axis < shape.length; axis++) {
      minShape[axis] = Math.min(minShape[axis] ?? shape[axis]!, shape[axis]!)
      maxShape[axis] = Math.max(maxShape[axis] ?? shape[axis]!, shape[axis]!)
    }
  }

  /**
   * Starts writing the open chunk and lets appends go on into a new one; at most two sealed
   * chunks are in flight, which bounds memory and overlaps file writes with encoding. A failed
   * write surfaces at the next seal or flush.
   */
  private async sealOpen(): Promise<void> {
    const chunk = this.open
    if (!chunk) return
    this.open = undefined
    // Two writes in flight: a chunk file write (thread pool) takes longer than filling the next
    // chunk, so a single slot left the appending thread waiting on every chunk.
    await this.previousSeal
    const previous = this.sealed
    const write = this.writeChunk(chunk).finally(() => chunk.release())
    this.previousSeal = previous
    this.sealed = Promise.all([previous, write]).then(() => {})
    this.sealed.catch(() => {}) // kept for the next seal or flush to throw; never an unhandled rejection
    this.sealedOnce = true
  }

  private async writeChunk(chunk: ChunkBuilder): Promise<void> {
    const name = chunkName(chunk.id)
    const key = commitPath(this.init.commit, tensorFiles.chunk(this.init.key, name))
    const bytes = this.init.encodeCanvas
      ? chunk.encodeWhole(await this.init.encodeCanvas(chunk.samples()))
      : chunk.encode(this.init.compressChunk)
    if (chunk.headerBytes > this.headerRoom)
      this.headerRoom = Math.min(MAX_HEADER_ROOM, Math.ceil((chunk.headerBytes * 1.25) / 4096) * 4096)
    chunk.dirty = false
    try {
      await this.init.storage.set!(key, bytes)
    } catch (cause) {
      chunk.dirty = true
      throw new ShoalError('STORAGE', `could not write chunk "${key}" of tensor "${this.init.name}"`, {
        key,
        tensor: this.init.name,
        cause,
      })
    }
    this.writtenChunks.add(name)
    this.changed.push(name)
    this.init.onChunkWritten?.(this.init.key, name)
  }

  private async loadChunkSet(): Promise<Map<string, { commit?: string; key?: string }>> {
    const bytes = await this.init.storage.get(
      commitPath(this.init.commit, tensorFiles.chunkSet(this.init.key)),
    )
    return bytes ? parseChunkSet(new TextDecoder().decode(bytes)) : new Map()
  }
}
