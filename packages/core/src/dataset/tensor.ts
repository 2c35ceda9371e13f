import type { DecodeOptions } from '../codec/contract.js'
import { checkSpan, readStacked, type ScanBatch, type ScanOptions, scanBatches } from '../engine/scan.js'
import type { SampleValue, TensorReader } from '../engine/tensor-reader.js'
import { ShoalError } from '../errors.js'
import type { TensorMeta } from '../format/tensor-meta.js'
import type { HtypeDefinition } from '../htype/contract.js'
import { formatHtypeName } from '../htype/registry.js'
import type { NDArray } from '../ndarray.js'
import type { AppendOptions, TensorAppender } from '../write/tensor-appender.js'
import type { Info } from './info.js'

/** How many samples getRange decodes at once when decoding is asynchronous. */
const RANGE_DECODE_WINDOW = 8

/** A stored link: the path or URL, and the creds key it is read with (null = none). */
export interface LinkRecord {
  readonly path: string
  readonly credsKey: string | null
}

/** What a {@link Tensor} is built from; assembled by the dataset. */
export interface TensorInit {
  readonly name: string
  readonly key: string
  readonly info: Info
  readonly htype: HtypeDefinition
  readonly reader: TensorReader
  readonly credsKeys: readonly string[]
  /** The write side, created on first append (throws READ_ONLY on read-only datasets). */
  readonly appender: () => Promise<TensorAppender>
  /** The hidden companion tensor of a kind (`info`, `shape`, `id`), when the tensor keeps one. */
  readonly companion?: (kind: 'info' | 'shape' | 'id') => Tensor | undefined
  /** Runs before reads so samples appended but not flushed are readable; undefined: nothing to do. */
  readonly beforeRead: () => Promise<void> | undefined
}

/**
 * One named tensor of a dataset at the checked-out version. Reads are async because chunks may
 * live in remote storage; decoded arrays are views into cached chunk data where possible.
 */
export class Tensor {
  /** The tensor's name (may contain `/` for groups). */
  readonly name: string
  /** The storage key, which differs from the name after a rename. */
  readonly key: string
  /** tensor_info.json as stored (e.g. `info.class_names`); `info.update({...})` changes it. */
  readonly info: Info
  private readonly reader: TensorReader
  private readonly init: TensorInit

  constructor(init: TensorInit) {
    this.init = init
    this.name = init.name
    this.key = init.key
    this.info = init.info
    this.reader = init.reader
  }

  /** tensor_meta.json, camelCased; htype-specific keys are in `meta.extra`. */
  get meta(): TensorMeta {
    return this.reader.meta
  }

  /** The htype as Python reports it, wrappers included: `image`, `sequence[image]`, `link[image]`. */
  get htype(): string {
    return formatHtypeName(this.meta.htype ?? 'generic', this.meta.isSequence, this.meta.isLink)
  }

  /** The stored dtype name (`uint8`, `str`, `Any`, `List`, …); null for a never-appended tensor. */
  get dtype(): string | null {
    return this.meta.dtype
  }

  /** Number of samples (sequences for sequence tensors). */
  get length(): number {
    return this.reader.sampleCount
  }

  get isSequence(): boolean {
    return this.meta.isSequence
  }

  get isLink(): boolean {
    return this.meta.isLink
  }

  /**
   * `[length, ...sample dims]`, with null where samples differ along an axis (and for the item
   * count of sequence tensors).
   */
  get shape(): (number | null)[] {
    const { minShape, maxShape } = this.meta
    const dims = maxShape.map((max, axis) => (minShape[axis] === max ? max : null))
    return this.meta.isSequence ? [this.length, null, ...dims] : [this.length, ...dims]
  }

  /** The stored shape of sample `index` (for sequences: one shape per item). */
  async sampleShape(index: number): Promise<number[] | number[][]> {
    await this.init.beforeRead()
    if (!this.meta.isSequence) return this.reader.itemShape(index)
    const { start, end } = this.reader.itemRange(index)
    const shapes: number[][] = []
    for (let item = start; item < end; item++) shapes.push(await this.reader.itemShape(item))
    return shapes
  }

  /**
   * Sample `index`: an NDArray for numeric htypes, a string for text, the JSON value for json,
   * an array for list/tag, an array of polygons for polygon, an array of items for sequences,
   * and the decoded linked file for links.
   */
  get(index: number, options?: DecodeOptions): Promise<SampleValue> {
    if (options !== undefined) return this.getWith(index, options)
    // Cached chunks, and single samples a local store can read synchronously, cost no await.
    const read = () => this.reader.tryReadSync(index) ?? this.reader.read(index)
    try {
      const pending = this.init.beforeRead()
      return pending ? pending.then(read) : Promise.resolve(read())
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** {@link get} with codec options: the codec of a sample-compressed tensor decodes with them. */
  private async getWith(index: number, options: DecodeOptions): Promise<SampleValue> {
    await this.init.beforeRead()
    return this.reader.readWithOptions(index, options)
  }

  /**
   * The per-sample info Python keeps in the hidden `_<name>_info` tensor (format, shape, filename,
   * modified, and what the codec adds: exif, fps, sample rate, …); `{}` when the tensor keeps none.
   */
  async sampleInfo(index: number): Promise<Record<string, unknown>> {
    const companion = this.init.companion?.('info')
    if (!companion) return {}
    if (index < 0 || index >= this.length || !Number.isInteger(index)) {
      throw new ShoalError('INDEX_OUT_OF_RANGE', `tensor "${this.name}" has no sample ${index}`, {
        tensor: this.name,
        index,
        expected: `0 <= index < ${this.length}`,
      })
    }
    if (index >= companion.length) return {}
    const value = await companion.get(index)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  }

  /**
   * Replaces sample `index` with `sample` (any input {@link extend} takes). The chunk holding it is
   * rewritten under the current commit; tiled samples and whole sequences cannot be replaced yet.
   */
  async set(index: number, sample: unknown, options?: AppendOptions): Promise<void> {
    const appender = await this.init.appender()
    await appender.set(index, sample, options)
  }

  /** Appends one sample (see {@link extend}). */
  append(sample: unknown, options?: AppendOptions): Promise<void> {
    return this.extend([sample], options)
  }

  /**
   * Appends samples: NDArrays, typed arrays (with `{ data, shape }` for n-d), nested number
   * arrays, numbers, strings, JSON values, `null` (an empty sample), `read(path)` files and
   * `link(url)` links, as the htype takes them. The whole batch is validated first: a bad sample
   * throws a typed error naming the tensor and index, and nothing of the batch is kept.
   */
  async extend(samples: readonly unknown[], options?: AppendOptions): Promise<void> {
    const appender = await this.init.appender()
    await appender.extend(samples, options)
  }

  /**
   * The bytes stored for sample `index` without decoding: the compressed file of a
   * sample-compressed tensor, the raw little-endian elements otherwise.
   */
  async getBytes(index: number): Promise<Uint8Array> {
    if (this.meta.isSequence) {
      throw new ShoalError('UNSUPPORTED', `getBytes is per item; tensor "${this.name}" is a sequence`, {
        tensor: this.name,
        index,
      })
    }
    await this.init.beforeRead()
    return this.reader.itemBytes(index)
  }

  /** Samples `start` (inclusive) to `end` (exclusive), in order. */
  async getRange(start: number, end: number, options?: DecodeOptions): Promise<SampleValue[]> {
    const stop = Math.min(end, this.length)
    if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || start > stop) {
      throw new ShoalError(
        'INDEX_OUT_OF_RANGE',
        `range [${start}, ${end}) is not valid for tensor "${this.name}"`,
        {
          tensor: this.name,
          expected: `0 <= start <= end, end <= ${this.length}`,
        },
      )
    }
    await this.init.beforeRead()
    const out = new Array<SampleValue>(stop - start)
    if (options !== undefined) {
      for (let index = start; index < stop; index++)
        out[index - start] = await this.reader.readWithOptions(index, options)
      return out
    }
    // Cached chunks decode without a promise per sample. Samples that must wait (a chunk load, an
    // async codec such as sharp on libuv's pool) are started a window at a time, so decodes of
    // several samples overlap; results land in sample order.
    let waiting: Promise<void>[] = []
    for (let index = start; index < stop; index++) {
      const ready = this.reader.tryReadSync(index)
      if (ready !== undefined) {
        out[index - start] = ready
        continue
      }
      const slot = index - start
      waiting.push(
        this.reader.read(index).then((value) => {
          out[slot] = value
        }),
      )
      if (waiting.length >= RANGE_DECODE_WINDOW) {
        await Promise.all(waiting)
        waiting = []
      }
    }
    await Promise.all(waiting)
    return out
  }

  /**
   * Samples `start` (inclusive) to `end` (exclusive) as one `[n, ...shape]` array in a new buffer.
   * The samples must be numeric and of one shape (UNSUPPORTED otherwise); uncompressed chunks are
   * read straight into the result, with no object per sample.
   */
  async getStacked(start: number, end: number): Promise<NDArray> {
    const [first, stop] = checkSpan(this.name, this.length, start, end)
    await this.init.beforeRead()
    return readStacked(this.reader, this.name, first, stop, (a, b) => this.getRange(a, b))
  }

  /**
   * Reads samples in order, `batch` at a time, for full passes over a tensor. For numeric tensors
   * of one sample shape each step is also one stacked array (`stacked`) read straight from the
   * chunks into a buffer the next step reuses, so a scan allocates nothing per chunk or sample:
   * copy what must outlive a step. Other tensors yield `getRange` batches.
   */
  async *scan(options: ScanOptions = {}): AsyncGenerator<ScanBatch, void, undefined> {
    await this.init.beforeRead()
    const span = checkSpan(this.name, this.length, options.start ?? 0, options.end ?? this.length)
    yield* scanBatches(this.reader, this.name, span, options.batch, (a, b) => this.getRange(a, b))
  }

  /** Iterates every sample in order. */
  async *[Symbol.asyncIterator](): AsyncIterator<SampleValue> {
    await this.init.beforeRead()
    for (let index = 0; index < this.length; index++) {
      yield this.reader.tryReadSync(index) ?? (await this.reader.read(index))
    }
  }

  /** For link tensors: the stored path of sample `index` and its creds key (items for sequences). */
  async getLink(index: number): Promise<LinkRecord | LinkRecord[]> {
    if (!this.meta.isLink) {
      throw new ShoalError('UNSUPPORTED', `tensor "${this.name}" is not a link tensor`, {
        tensor: this.name,
        index,
      })
    }
    await this.init.beforeRead()
    const { start, end } = this.reader.itemRange(index)
    const links: LinkRecord[] = []
    for (let item = start; item < end; item++) {
      const { path, credsIndex } = await this.reader.linkAt(item)
      links.push({ path, credsKey: credsIndex > 0 ? (this.init.credsKeys[credsIndex - 1] ?? null) : null })
    }
    return this.meta.isSequence ? links : links[0]!
  }

  /** For class_label tensors: the names of sample `index`'s labels (one list per item for sequences). */
  async labelNames(index: number): Promise<(string | null)[] | (string | null)[][]> {
    if (this.meta.htype !== 'class_label') {
      throw new ShoalError('UNSUPPORTED', `tensor "${this.name}" is ${this.htype}, not class_label`, {
        tensor: this.name,
        index,
      })
    }
    const names = Array.isArray(this.info.class_names) ? (this.info.class_names as unknown[]) : []
    const toNames = (array: NDArray): (string | null)[] =>
      Array.from(array.data as ArrayLike<number | bigint>, (value) => {
        const name = names[Number(value)]
        return typeof name === 'string' ? name : null
      })
    const value = await this.get(index)
    return this.meta.isSequence ? (value as NDArray[]).map(toNames) : toNames(value as NDArray)
  }
}
