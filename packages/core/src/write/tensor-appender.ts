import { randomFillSync } from 'node:crypto'
import type { CodecImplementation, CompressionCodec } from '../codec/contract.js'
import { CLOUD_SCHEMES } from '../dataset/links.js'
import { isNumericDtype } from '../dtype.js'
import type { TensorReader } from '../engine/tensor-reader.js'
import type { EncodedItem, TensorWriter } from '../engine/tensor-writer.js'
import { ShoalError } from '../errors.js'
import { typestrOf } from '../format/custom-json.js'
import { pythonJson } from '../format/python-json.js'
import type { DatasetWriter } from './dataset-writer.js'
import {
  type EncodedSample,
  encodeSample,
  encodeTextSample,
  type SampleEncoderInit,
} from './encode-sample.js'
import { isFileSample, isLinkSample } from './inputs.js'
import { type PackedBatch, packJson, packText } from './packed-text.js'

const utf8 = new TextEncoder()

/** A pack buffer larger than this is dropped after its batch. */
const MAX_KEPT_PACK_BUFFER = 16 << 20

/** Codec encodes kept in flight at once by extend(): enough to fill libuv's pool and sharp's threads. */
const CONCURRENT_ENCODES = 8

/** Options of append/extend. */
export interface AppendOptions {
  /** Convert values that do not fit the dtype (truncate floats, wrap integers) instead of failing. */
  readonly cast?: boolean
}

/** The hidden companions a tensor keeps in step with its samples. */
export interface CompanionWriters {
  readonly id?: TensorWriter
  readonly shape?: TensorWriter
  readonly info?: TensorWriter
}

/** Reads a link target so appends can verify it (the dataset's link reader). */
export type LinkFetcher = (url: string, credsIndex: number) => Promise<Uint8Array>

/** What the appender of one tensor needs. */
export interface TensorAppenderInit {
  readonly name: string
  readonly dataset: DatasetWriter
  readonly writer: TensorWriter
  readonly companions: CompanionWriters
  readonly encoder: SampleEncoderInit
  readonly readers: () => readonly { reader: TensorReader; writer: TensorWriter }[]
  readonly linkCodec?: { codec: CompressionCodec; impl: CodecImplementation }
  readonly fetchLink?: LinkFetcher
}

/**
 * Appends user samples to one tensor: encodes and validates the whole batch first (so a bad
 * sample leaves nothing behind), then hands the items to the tensor's writer and its companions.
 */
export class TensorAppender {
  /** Where text and JSON batches are packed; reused (extends of one tensor run one at a time). */
  private packBuffer = new Uint8Array(0)
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly init: TensorAppenderInit) {}

  /** Appends `samples` in order; all or nothing. Calls on one tensor run one after another. */
  extend(samples: readonly unknown[], options: AppendOptions = {}): Promise<void> {
    return this.serial(() => this.extendNow(samples, options))
  }

  /** Replaces sample `index` (validated first; a bad value changes nothing). */
  set(index: number, value: unknown, options: AppendOptions = {}): Promise<void> {
    return this.serial(async () => {
      const { writer, encoder, dataset, name } = this.init
      if (writer.meta.isSequence) {
        throw new ShoalError(
          'UNSUPPORTED',
          `tensor "${name}": replacing a whole sequence is not supported yet`,
          { tensor: name, index },
        )
      }
      if (!Number.isInteger(index) || index < 0 || index >= writer.meta.length) {
        throw new ShoalError(
          'INDEX_OUT_OF_RANGE',
          `index ${index} is out of range for tensor "${name}" of length ${writer.meta.length}`,
          {
            tensor: name,
            index,
            expected: `an integer in [0, ${writer.meta.length})`,
          },
        )
      }
      await dataset.ensureLock()
      encoder.cast = options.cast ?? false
      const before = { dtype: encoder.dtype, ndim: encoder.ndim }
      const newClassNames: string[] = []
      let encoded: { item: EncodedSample; creds: number }
      try {
        encoded = await this.encodeOne(value, index, newClassNames)
        writer.checkReplaceable(index, encoded.item)
        if (writer.meta.isLink && encoded.creds !== 0) {
          throw new ShoalError(
            'UNSUPPORTED',
            `tensor "${name}": replacing a link that uses a creds key is not supported yet`,
            { tensor: name, index },
          )
        }
      } catch (error) {
        encoder.dtype = before.dtype
        encoder.ndim = before.ndim
        throw error
      }
      this.apply(newClassNames, before.dtype)
      await writer.replace(index, encoded.item)
      const { shape, info } = this.init.companions
      if (shape) await shape.replace(index, shapeItem(encoded.item.sampleShape))
      if (info) await info.replace(index, jsonItem(encoded.item.sampleInfo))
      this.refreshReaders()
    })
  }

  /** Merges `values` into tensor_info.json (written at the next flush). */
  updateInfo(values: Readonly<Record<string, unknown>>): Promise<void> {
    return this.serial(async () => {
      await this.init.dataset.ensureLock()
      Object.assign(this.init.writer.info, values)
      if (Array.isArray(values.class_names)) {
        ;(this.init.encoder as { classNames?: readonly string[] }).classNames = values.class_names as string[]
      }
      this.init.writer.markInfoChanged()
    })
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.catch(() => {})
    return run
  }

  private refreshReaders(): void {
    for (const { reader, writer } of this.init.readers())
      reader.setState(writer.state(), writer.takeChangedChunks())
  }

  private async extendNow(samples: readonly unknown[], options: AppendOptions): Promise<void> {
    if (!Array.isArray(samples)) {
      throw new ShoalError(
        'INVALID_ARGUMENT',
        `tensor "${this.init.name}": extend() takes an array of samples`,
        {
          tensor: this.init.name,
        },
      )
    }
    const { writer, encoder, dataset } = this.init
    await dataset.ensureLock()
    encoder.cast = options.cast ?? false
    const meta = writer.meta
    const before = { dtype: encoder.dtype, ndim: encoder.ndim }
    const packed = this.packedBatch(samples)
    if (packed) {
      await this.appendPacked(packed, samples.length)
      // A huge batch's buffer is not kept; everyday batches reuse theirs.
      if (this.packBuffer.byteLength > MAX_KEPT_PACK_BUFFER) this.packBuffer = new Uint8Array(0)
      return
    }
    const newClassNames: string[] = []
    const batch: { items: EncodedSample[]; creds: number[] }[] = []
    // Non-sequence samples: one item each, kept flat (no wrapper objects per sample).
    const flat: EncodedSample[] = []
    const flatCreds: number[] = []
    const start = meta.isSequence ? this.sequenceCount() : meta.length
    try {
      for (let i = 0; i < samples.length; i++) {
        const sample = samples[i]
        const index = start + i
        if (meta.isSequence) {
          if (sample !== null && sample !== undefined && !Array.isArray(sample)) {
            throw new ShoalError(
              'INVALID_SAMPLE',
              `tensor "${this.init.name}", sample ${index}: a sequence sample must be an array of items`,
              {
                tensor: this.init.name,
                index,
                expected: 'an array of items',
              },
            )
          }
          const items: EncodedSample[] = []
          const creds: number[] = []
          for (const item of (sample as unknown[] | null) ?? []) {
            const encoded = await this.encodeOne(item, index, newClassNames)
            items.push(encoded.item)
            creds.push(encoded.creds)
          }
          batch.push({ items, creds })
        } else {
          // Text and JSON encode synchronously: no promise per sample on that ingest path.
          const text = meta.isLink ? undefined : encodeTextSample(sample, index, encoder)
          if (text) {
            flat.push(text)
            flatCreds.push(0)
          } else if (this.encodesConcurrently(sample)) {
            const end = Math.min(samples.length, i + CONCURRENT_ENCODES)
            await this.encodeWindow(samples, i, end, start, newClassNames, flat)
            for (let j = i; j < end; j++) flatCreds.push(0)
            i = end - 1
          } else {
            const encoded = await this.encodeOne(sample, index, newClassNames)
            flat.push(encoded.item)
            flatCreds.push(encoded.creds)
          }
        }
      }
    } catch (error) {
      encoder.dtype = before.dtype
      encoder.ndim = before.ndim
      throw error
    }
    this.apply(newClassNames, before.dtype)
    // One call per writer for the whole batch: no per-sample awaits on the ingest path.
    const items = meta.isSequence ? batch.flatMap((sample) => sample.items) : flat
    await writer.append(items)
    for (const sample of batch) {
      writer.appendSequence(sample.items.length)
      if (meta.isLink) for (const c of sample.creds) writer.appendCreds(c)
    }
    if (meta.isLink && !meta.isSequence) for (const c of flatCreds) writer.appendCreds(c)
    await this.appendCompanions(items, samples.length)
    this.refreshReaders()
  }

  private apply(newClassNames: string[], dtypeBefore: string | null): void {
    const { writer, encoder } = this.init
    if (newClassNames.length > 0) {
      const names = Array.isArray(writer.info.class_names) ? (writer.info.class_names as string[]) : []
      writer.info.class_names = [...names, ...newClassNames]
      ;(encoder as { classNames?: readonly string[] }).classNames = writer.info.class_names as string[]
      writer.markInfoChanged()
    }
    if (dtypeBefore === null && encoder.dtype !== null) {
      writer.meta.dtype = encoder.dtype
      writer.meta.typestr = isNumericDtype(encoder.dtype) ? typestrOf(encoder.dtype) : null
      writer.markMetaChanged()
    }
  }

  /**
   * The batch packed into one buffer when it is plain text or plain JSON for a text or json
   * tensor without sample compression; undefined sends it down the per-sample path.
   */
  private packedBatch(samples: readonly unknown[]): PackedBatch | undefined {
    const { encoder, writer, companions } = this.init
    // Text and json tensors keep no shape or info companion (as in Python); only ids are packed.
    const { layout } = encoder.htype
    if (
      (layout !== 'text' && layout !== 'json') ||
      encoder.sampleCodec ||
      companions.info ||
      companions.shape
    )
      return undefined
    if (writer.meta.isLink || writer.meta.isSequence || samples.length === 0) return undefined
    const buffer = (size: number, keep = 0) => {
      if (this.packBuffer.byteLength < size) {
        const grown = new Uint8Array(Math.max(size, this.packBuffer.byteLength * 2, 1 << 16))
        grown.set(this.packBuffer.subarray(0, keep))
        this.packBuffer = grown
      }
      return this.packBuffer
    }
    if (layout === 'text') return packText(samples, buffer)
    const start = writer.meta.length
    return packJson(samples, buffer, (value, k) => encodeTextSample(value, start + k, encoder)!.payload)
  }

  /** Appends a packed batch and its ids, with no object per sample. */
  private async appendPacked(packed: PackedBatch, count: number): Promise<void> {
    const { writer, companions } = this.init
    await writer.appendPacked(packed.bytes, packed.ends, ONE)
    if (companions.id) await appendIds(companions.id, count)
    this.refreshReaders()
  }

  /**
   * True when a sample's encoding is codec work (decode a file, compress an image) and the
   * tensor's dtype and rank are settled, so samples can encode side by side without one
   * sample's inference changing how another is encoded.
   */
  private encodesConcurrently(sample: unknown): boolean {
    const { encoder, writer } = this.init
    if (writer.meta.isLink || encoder.dtype === null || encoder.ndim === undefined) return false
    const kind = encoder.sampleCodec?.codec.kind
    return (kind !== undefined && kind !== 'byte') || isFileSample(sample)
  }

  /**
   * Encodes samples[from, to) with every codec call in flight at once (sharp, ffmpeg and the
   * decoders run off the main thread, so this uses every core), then keeps them in index order.
   * All calls settle before an error is thrown, and the error is the lowest failing index's.
   */
  private async encodeWindow(
    samples: readonly unknown[],
    from: number,
    to: number,
    start: number,
    newClassNames: string[],
    into: EncodedSample[],
  ): Promise<void> {
    const pending: Promise<{ item: EncodedSample; creds: number }>[] = []
    for (let j = from; j < to; j++) pending.push(this.encodeOne(samples[j], start + j, newClassNames))
    const settled = await Promise.allSettled(pending)
    for (const result of settled) {
      if (result.status === 'rejected') throw result.reason
      into.push(result.value.item)
    }
  }

  private async encodeOne(
    value: unknown,
    index: number,
    newClassNames: string[],
  ): Promise<{ item: EncodedSample; creds: number }> {
    if (this.init.writer.meta.isLink) return this.encodeLink(value, index)
    return { item: await encodeSample(value, index, this.init.encoder, newClassNames), creds: 0 }
  }

  private async encodeLink(value: unknown, index: number): Promise<{ item: EncodedSample; creds: number }> {
    const { name, dataset } = this.init
    if (value === null || value === undefined) {
      return {
        item: {
          payload: new Uint8Array(0),
          shape: [1],
          metaShape: null,
          sampleShape: undefined,
          sampleInfo: {},
        },
        creds: 0,
      }
    }
    const target = isLinkSample(value)
      ? value
      : typeof value === 'string'
        ? { url: value, credsKey: null }
        : undefined
    if (!target) {
      throw new ShoalError(
        'INVALID_SAMPLE',
        `tensor "${name}", sample ${index}: a link tensor takes link(url) samples or path strings`,
        {
          tensor: name,
          index,
          expected: 'link(url) or a path string',
        },
      )
    }
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target.url)?.[1]?.toLowerCase()
    if (target.credsKey === null && scheme !== undefined && CLOUD_SCHEMES.has(scheme)) {
      throw new ShoalError(
        'INVALID_SAMPLE',
        `tensor "${name}", sample ${index}: the cloud link "${target.url}" needs a creds key; use link(url, { credsKey }) after ds.addCredsKey(name), or the creds key "ENV" for the default credentials`,
        { tensor: name, index, expected: 'link(url, { credsKey })' },
      )
    }
    let creds = 0
    if (target.credsKey !== null) {
      creds = dataset.creds.credsKeys.indexOf(target.credsKey) + 1
      if (creds === 0) {
        throw new ShoalError(
          'INVALID_SAMPLE',
          `tensor "${name}", sample ${index}: creds key "${target.credsKey}" was never added; call ds.addCredsKey("${target.credsKey}") first`,
          {
            tensor: name,
            index,
            expected: `one of the creds keys: ${dataset.creds.credsKeys.join(', ') || '(none)'}`,
          },
        )
      }
    }
    let fileShape: number[] | null = null
    if (this.init.writer.meta.verify && this.init.fetchLink && this.init.linkCodec) {
      const bytes = await this.init.fetchLink(target.url, creds)
      const { impl } = this.init.linkCodec
      try {
        fileShape = impl.readShape
          ? await impl.readShape(bytes)
          : [...(await impl.decodeSample!(bytes, { dtype: 'uint8', tensor: name, index })).shape]
      } catch (cause) {
        throw new ShoalError(
          'INVALID_SAMPLE',
          `tensor "${name}", sample ${index}: the linked file "${target.url}" is not a readable ${this.init.linkCodec.codec.name} file`,
          {
            tensor: name,
            index,
            cause,
          },
        )
      }
    }
    if (target.credsKey !== null) dataset.useCredsKey(target.credsKey)
    const item: EncodedSample = {
      payload: utf8.encode(target.url),
      shape: [1],
      metaShape: fileShape,
      sampleShape: fileShape ?? undefined,
      sampleInfo: {},
    }
    return { item, creds }
  }

  /** Companion entries: one id per sample (sequence), one shape and info per item. */
  private async appendCompanions(items: readonly EncodedSample[], samples: number): Promise<void> {
    const { id, shape, info } = this.init.companions
    // Ids, and shapes of one rank, go in as packed batches: no object per sample.
    if (id) await appendIds(id, samples)
    if (shape) {
      const packed = packShapes(items)
      if (packed) await shape.appendPacked(packed.bytes, packed.ends, [packed.rank])
      else await shape.append(items.map((item) => shapeItem(item.sampleShape)))
    }
    if (info) await info.append(items.map((item) => jsonItem(item.sampleInfo)))
  }

  private sequenceCount(): number {
    const table = this.init.writer.state().sequences
    return table && table.rows > 0 ? table.data[table.rows * 3 - 1]! + 1 : 0
  }
}

/** The shape of a text sample and of one id. */
const ONE: readonly number[] = Object.freeze([1])

/** End offsets of `count` items of 8 bytes each. */
function eightByteEnds(count: number): Uint32Array {
  const ends = new Uint32Array(count)
  for (let k = 0; k < count; k++) ends[k] = (k + 1) * 8
  return ends
}

/** Appends `count` random 64-bit sample ids, drawn in one call, as one packed batch. */
function appendIds(writer: TensorWriter, count: number): Promise<void> {
  const ids = new Uint8Array(count * 8)
  randomFillSync(ids) // no 64 KiB cap, unlike crypto.getRandomValues
  return writer.appendPacked(ids, eightByteEnds(count), ONE)
}

/**
 * The shape companion's items (each sample's shape as uint64s) packed back to back, when every
 * item's shape has the same rank; undefined otherwise (the caller then appends item by item).
 */
function packShapes(
  items: readonly EncodedSample[],
): { bytes: Uint8Array; ends: Uint32Array; rank: number } | undefined {
  if (items.length === 0) return undefined
  const rank = (items[0]!.sampleShape ?? EMPTY_SHAPE).length
  const bytes = new Uint8Array(items.length * rank * 8)
  const view = new DataView(bytes.buffer)
  const ends = new Uint32Array(items.length)
  let at = 0
  for (let k = 0; k < items.length; k++) {
    const dims = items[k]!.sampleShape ?? EMPTY_SHAPE
    if (dims.length !== rank) return undefined
    for (let d = 0; d < rank; d++) {
      const value = dims[d]!
      view.setUint32(at, value >>> 0, true)
      view.setUint32(at + 4, Math.floor(value / 2 ** 32), true)
      at += 8
    }
    ends[k] = at
  }
  return { bytes, ends, rank }
}

/** What the shape companion stores for a sample with no shape (empty, rank unknown). */
const EMPTY_SHAPE: readonly number[] = Object.freeze([0])

function shapeItem(shape: readonly number[] | undefined): EncodedItem {
  const dims = shape ?? EMPTY_SHAPE
  const data = BigInt64Array.from(dims, (d) => BigInt(d))
  return { payload: new Uint8Array(data.buffer), shape: [dims.length] }
}

function jsonItem(value: Record<string, unknown>): EncodedItem {
  return { payload: utf8.encode(pythonJson(value, {})), shape: [1] }
}
