import type { CompressionCodec } from '../codec/contract.js'
import { loadCodec, requireCodec } from '../codec/registry.js'
import { ChunkCache } from '../engine/chunk-cache.js'
import { ChunkLocator } from '../engine/chunk-locator.js'
import type { LoadedChunk } from '../engine/loaded-chunk.js'
import { TensorReader } from '../engine/tensor-reader.js'
import type { TensorWriter } from '../engine/tensor-writer.js'
import { isShoalError, ShoalError } from '../errors.js'
import type { DatasetMeta } from '../format/dataset-meta.js'
import type { TensorMeta } from '../format/tensor-meta.js'
import type { HtypeDefinition } from '../htype/contract.js'
import { requireHtype } from '../htype/registry.js'
import type { StorageProvider } from '../storage/contract.js'
import type { DatasetWriter } from '../write/dataset-writer.js'
import { TensorAppender } from '../write/tensor-appender.js'
import {
  type CreateTensorOptions,
  checkTensorName,
  companionLinks,
  companionMeta,
  planTensor,
} from '../write/tensor-options.js'
import { type Info, makeInfo } from './info.js'
import { createLinkReader } from './links.js'
import { Tensor } from './tensor.js'
import type { TensorFiles } from './tensor-files.js'
import { type CommitRecord, commitHistory, type ResolvedVersion } from './version.js'

/** What {@link Dataset} is built from; see `openDataset`. */
export interface DatasetInit {
  readonly url: string
  readonly storage: StorageProvider
  readonly ownsStorage: boolean
  readonly version: ResolvedVersion
  readonly meta: DatasetMeta
  readonly info: Record<string, unknown>
  /** Per tensor key: its parsed files, or the error reading them raised (thrown on access). */
  readonly tensors: Map<string, TensorFiles | ShoalError>
  readonly credsKeys: string[]
  readonly htypes: ReadonlyMap<string, HtypeDefinition>
  readonly codecs: ReadonlyMap<string, CompressionCodec>
  readonly cacheBytes: number
  readonly linkBase?: string
  /** Present when the dataset is writable (opened read-write at a branch head). */
  readonly writer?: DatasetWriter
}

interface OpenTensor {
  readonly tensor: Tensor
  readonly reader: TensorReader
  appender?: Promise<TensorAppender>
}

/** A Deep Lake 3.x dataset opened at one version. */
export class Dataset {
  /** Where the dataset lives, as given to openDataset. */
  readonly url: string
  private readonly init: DatasetInit
  private readonly cache: ChunkCache<LoadedChunk>
  private readonly locator: ChunkLocator
  private readonly opened = new Map<string, OpenTensor>()
  private readonly creds = new Map<string, Record<string, unknown>>()
  private readonly readLink
  private readonly datasetInfo: Info
  private closed = false

  constructor(init: DatasetInit) {
    this.init = init
    this.url = init.url
    this.cache = new ChunkCache(init.cacheBytes)
    this.locator = new ChunkLocator(init.storage, init.version.chain)
    if (init.writer) {
      init.writer.codecs = init.codecs
      init.writer.onChunkWritten = (key, chunk) => this.locator.noteWritten(key, chunk)
      init.writer.readChunk = async (key, chunk) => {
        const path = await this.locator.locate(key, chunk)
        const bytes = await init.storage.get(path)
        if (!bytes) throw new ShoalError('NOT_FOUND', `chunk "${path}" is missing`, { key: path })
        return bytes
      }
    }
    this.readLink = createLinkReader({
      credsKeys: init.credsKeys,
      creds: this.creds,
      ...(init.linkBase === undefined ? {} : { linkBase: init.linkBase }),
    })
    this.datasetInfo = makeInfo(init.info, async (values) => {
      const writer = this.requireWriter('update dataset info')
      await writer.ensureLock()
      Object.assign(init.info, values)
      writer.markInfoChanged()
    })
  }

  /** True when writes are refused (opened with readOnly, or at a commit that is not a branch head). */
  get readOnly(): boolean {
    return this.init.writer === undefined
  }

  /** dataset_info.json (`ds.info` in Python); `info.update({...})` changes it. */
  get info(): Info {
    return this.datasetInfo
  }

  /** Names of the visible tensors, in creation order (hidden companions and temp tensors left out). */
  get tensorNames(): string[] {
    const hidden = new Set(this.init.meta.hiddenTensors)
    const nameOf = new Map(Object.entries(this.init.meta.tensorNames).map(([name, key]) => [key, name]))
    const names: string[] = []
    for (const key of this.init.meta.tensors) {
      const name = nameOf.get(key) ?? key
      if (hidden.has(key) || key.startsWith('__temp') || name.split('/').pop()!.startsWith('__temp')) continue
      names.push(name)
    }
    return names
  }

  /** Names of the hidden tensors (`_images_id`, `_images_shape`, …) that Deep Lake keeps beside visible ones. */
  get hiddenTensorNames(): string[] {
    const nameOf = new Map(Object.entries(this.init.meta.tensorNames).map(([name, key]) => [key, name]))
    return this.init.meta.hiddenTensors.map((key) => nameOf.get(key) ?? key)
  }

  /** Group paths (`g`, `g/sub`). */
  get groups(): string[] {
    return [...this.init.meta.groups]
  }

  /** Number of rows: the length of the shortest visible tensor (0 without tensors). */
  get length(): number {
    let min: number | undefined
    for (const name of this.tensorNames) {
      let length: number
      try {
        length = this.tensor(name).length
      } catch (error) {
        if (isShoalError(error)) continue // a tensor this process cannot open does not decide the length
        throw error
      }
      min = min === undefined ? length : Math.min(min, length)
    }
    return min ?? 0
  }

  /** Branch names. */
  get branches(): string[] {
    return [...this.init.version.info.branches.keys()]
  }

  /** The committed history of the checked-out version, newest first. */
  get commits(): CommitRecord[] {
    return commitHistory(this.init.version)
  }

  /** The checked-out commit id. */
  get version(): string {
    return this.init.version.commit
  }

  /** The branch of the checked-out commit. */
  get branch(): string {
    return this.init.version.branch
  }

  /**
   * The tensor called `name` (hidden ones included). Throws NOT_FOUND for an unknown name,
   * UNKNOWN_HTYPE / UNKNOWN_COMPRESSION naming the package to install when a plugin is missing,
   * and the typed error that reading its metadata raised.
   */
  tensor(name: string): Tensor {
    return this.openTensor(name).tensor
  }

  /**
   * Creates a tensor (Deep Lake's create_tensor). Options are checked against the htype before
   * anything is written; the tensor's files and dataset_meta.json are written at once.
   */
  async createTensor(name: string, options: CreateTensorOptions = {}): Promise<Tensor> {
    const writer = this.requireWriter(`create tensor "${name}"`)
    checkTensorName(name)
    if (this.init.meta.tensorNames[name] !== undefined || this.init.meta.tensors.includes(name)) {
      throw new ShoalError(
        'ALREADY_EXISTS',
        `createTensor("${name}"): a tensor with that name already exists`,
        {
          tensor: name,
          expected: 'a new name',
        },
      )
    }
    const plan = planTensor(name, options, this.init.htypes, this.init.codecs)
    await writer.ensureLock()
    const slash = name.lastIndexOf('/')
    const prefix = name.slice(0, slash + 1)
    const base = name.slice(slash + 1)
    plan.meta.links = companionLinks(base, plan.companions, prefix)
    const made: [string, TensorWriter, boolean][] = []
    made.push([name, await writer.createWriter(name, name, plan.meta, plan.info), plan.meta.hidden])
    for (const kind of ['id', 'shape', 'info'] as const) {
      if (!plan.companions[kind]) continue
      const companion = `${prefix}_${base}_${kind}`
      made.push([
        companion,
        await writer.createWriter(companion, companion, companionMeta(companion, kind), {}),
        true,
      ])
    }
    for (const [tensorName, tensorWriter, hidden] of made) {
      writer.addTensor(tensorName, tensorName, hidden)
      this.init.tensors.set(tensorName, { key: tensorName, info: tensorWriter.info, ...tensorWriter.state() })
    }
    await writer.flush()
    return this.tensor(name)
  }

  /** Registers a creds key name that link samples can refer to (`link(url, { credsKey })`). */
  async addCredsKey(key: string): Promise<void> {
    const writer = this.requireWriter(`add creds key "${key}"`)
    if (typeof key !== 'string' || key === '')
      throw new ShoalError('INVALID_ARGUMENT', 'a creds key must be a non-empty string')
    await writer.ensureLock()
    writer.addCredsKey(key)
  }

  /** Supplies secrets for a creds key, used to read links; kept in memory only, never written. */
  populateCreds(key: string, creds: Record<string, unknown>): void {
    if (!this.init.credsKeys.includes(key)) {
      throw new ShoalError(
        'NOT_FOUND',
        `creds key "${key}" is not registered; add it with ds.addCredsKey("${key}")`,
        {
          expected: `one of: ${this.init.credsKeys.join(', ') || '(none)'}`,
        },
      )
    }
    this.creds.set(key, { ...creds })
  }

  /** Makes everything appended so far durable. */
  async flush(): Promise<void> {
    await this.init.writer?.flush()
  }

  /** Flushes, releases the writer lock, caches and the storage this dataset opened. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      await this.init.writer?.close()
    } finally {
      this.cache.clear()
      this.opened.clear()
      if (this.init.ownsStorage) await this.init.storage.close?.()
    }
  }

  private keyOf(name: string): string {
    return this.init.meta.tensorNames[name] ?? name
  }

  private checkOpen(): void {
    if (this.closed) throw new ShoalError('INVALID_ARGUMENT', `dataset "${this.url}" is closed`)
  }

  private requireWriter(action: string): DatasetWriter {
    this.checkOpen()
    if (this.init.writer) return this.init.writer
    throw new ShoalError(
      'READ_ONLY',
      `cannot ${action}: dataset "${this.url}" is open read-only${this.init.version.info.commits.get(this.version)?.time !== null ? ` (commit ${this.version} is not a branch head)` : ''}`,
      { hint: 'open it with { readOnly: false } at a branch head' },
    )
  }

  private openTensor(name: string): OpenTensor {
    this.checkOpen()
    const cached = this.opened.get(name)
    if (cached) return cached
    const key = this.keyOf(name)
    const files = this.init.tensors.get(key)
    if (!files) {
      throw new ShoalError(
        'NOT_FOUND',
        `no tensor "${name}" in this dataset; tensors: ${this.tensorNames.join(', ') || '(none)'}`,
        { tensor: name },
      )
    }
    if (files instanceof Error) throw files
    // A tensor this session wrote to is newer in memory than in its files.
    const live = this.init.writer?.existingWriter(key)
    const entry = this.buildTensor(name, live ? { ...files, info: live.info, ...live.state() } : files)
    this.opened.set(name, entry)
    return entry
  }

  private buildTensor(name: string, files: TensorFiles): OpenTensor {
    const { meta } = files
    const htype = requireHtype(meta.htype ?? 'generic', { tensor: name, local: this.init.htypes })
    const codecFor = (compression: string | null): CompressionCodec | undefined =>
      compression === null ? undefined : requireCodec(compression, { tensor: name, local: this.init.codecs })
    const sampleCodec = codecFor(meta.sampleCompression)
    const chunkCodec = meta.isLink ? undefined : codecFor(meta.chunkCompression)
    const reader = new TensorReader({
      storage: this.init.storage,
      locator: this.locator,
      cache: this.cache,
      key: files.key,
      name,
      layout: htype.layout,
      state: files,
      ...(sampleCodec ? { sampleCodec } : {}),
      ...(chunkCodec ? { chunkCodec } : {}),
      readLink: this.readLink,
    })
    const entry: OpenTensor = {
      reader,
      tensor: new Tensor({
        name,
        key: files.key,
        info: makeInfo(files.info, (values) => this.updateTensorInfo(name, values)),
        htype,
        reader,
        credsKeys: this.init.credsKeys,
        appender: () => this.appenderFor(name),
        companion: (kind) => this.companionOf(files.meta.links, kind),
        beforeRead: () => this.beforeRead(name),
      }),
    }
    return entry
  }

  /** The companion tensor of `kind` named in a tensor's meta links (`_images_info` → info). */
  private companionOf(links: TensorMeta['links'], kind: 'info' | 'shape' | 'id'): Tensor | undefined {
    for (const [key, link] of Object.entries(links)) {
      if (link.extend !== `extend_${kind}` && !key.endsWith(`_${kind}`)) continue
      const name = Object.entries(this.init.meta.tensorNames).find(([, k]) => k === key)?.[0] ?? key
      try {
        return this.tensor(name)
      } catch (error) {
        if (isShoalError(error, 'NOT_FOUND')) return undefined
        throw error
      }
    }
    return undefined
  }

  private beforeRead(name: string): Promise<void> | undefined {
    // Samples appended but not flushed sit in the writer's open chunk: write that chunk (not the
    // encoders or meta) so the reader can load it. Nothing to do is the common, synchronous case.
    const writer = this.init.writer?.existingWriter(this.keyOf(name))
    if (!writer?.hasUnwrittenChunk) return undefined
    return writer.writeOpenChunk().then(() => {
      this.opened.get(name)?.reader.setState(writer.state(), writer.takeChangedChunks())
    })
  }

  private async updateTensorInfo(name: string, values: Readonly<Record<string, unknown>>): Promise<void> {
    const appender = await this.appenderFor(name)
    await appender.updateInfo(values)
  }

  private appenderFor(name: string): Promise<TensorAppender> {
    const entry = this.openTensor(name)
    entry.appender ??= this.makeAppender(name, entry).catch((error: unknown) => {
      entry.appender = undefined
      throw error
    })
    return entry.appender
  }

  private async makeAppender(name: string, _entry: OpenTensor): Promise<TensorAppender> {
    const writer = this.requireWriter(`write to tensor "${name}"`)
    const key = this.keyOf(name)
    const files = this.init.tensors.get(key) as TensorFiles
    const tensorWriter = await writer.writerFor(key, name, files)
    const companions: { id?: TensorWriter; shape?: TensorWriter; info?: TensorWriter } = {}
    const written: { name: string; writer: TensorWriter }[] = [{ name, writer: tensorWriter }]
    for (const [companionKey, link] of Object.entries(files.meta.links)) {
      const kind =
        link.extend === 'extend_id'
          ? 'id'
          : link.extend === 'extend_shape'
            ? 'shape'
            : link.extend === 'extend_info'
              ? 'info'
              : undefined
      if (!kind) {
        throw new ShoalError(
          'UNSUPPORTED',
          `tensor "${name}" keeps a companion "${companionKey}" filled by "${link.extend}", which Shoal does not maintain`,
          { tensor: name },
        )
      }
      const companionName =
        Object.entries(this.init.meta.tensorNames).find(([, k]) => k === companionKey)?.[0] ?? companionKey
      const companionFiles = this.init.tensors.get(companionKey)
      if (!companionFiles || companionFiles instanceof Error) {
        throw new ShoalError(
          'INVALID_METADATA',
          `tensor "${name}" names a companion "${companionKey}" that cannot be read`,
          {
            tensor: name,
            key: companionKey,
            ...(companionFiles instanceof Error ? { cause: companionFiles } : {}),
          },
        )
      }
      const companionWriter = await writer.writerFor(companionKey, companionName, companionFiles)
      companions[kind] = companionWriter
      written.push({ name: companionName, writer: companionWriter })
    }
    // Readers are looked up at every refresh: a companion opened later must see appends too.
    const readers = () =>
      written.flatMap(({ name: tensorName, writer: w }) => {
        const open = this.opened.get(tensorName)
        return open ? [{ reader: open.reader, writer: w }] : []
      })
    const htype = requireHtype(files.meta.htype ?? 'generic', { tensor: name, local: this.init.htypes })
    const codec =
      files.meta.sampleCompression === null
        ? undefined
        : requireCodec(files.meta.sampleCompression, { tensor: name, local: this.init.codecs })
    const sampleCodec = codec ? { codec, impl: await loadCodec(codec) } : undefined
    const chunkCodecDef =
      files.meta.chunkCompression === null || files.meta.isLink
        ? undefined
        : requireCodec(files.meta.chunkCompression, { tensor: name, local: this.init.codecs })
    const meta = tensorWriter.meta
    return new TensorAppender({
      name,
      dataset: writer,
      writer: tensorWriter,
      companions,
      encoder: {
        tensor: name,
        htype,
        dtype: meta.dtype,
        ndim:
          meta.maxShape.length > 0
            ? meta.maxShape.length
            : htype.ranks?.length === 1
              ? htype.ranks[0]
              : undefined,
        sampleCompression: meta.isLink ? null : meta.sampleCompression,
        chunkCompression: meta.isLink ? null : meta.chunkCompression,
        ...(sampleCodec && !meta.isLink ? { sampleCodec } : {}),
        ...(chunkCodecDef ? { chunkCodec: chunkCodecDef } : {}),
        localCodecs: [...this.init.codecs.values()],
        tilingThreshold: meta.tilingThreshold,
        meta: meta.extra,
        info: tensorWriter.info,
        classNames: Array.isArray(tensorWriter.info.class_names)
          ? (tensorWriter.info.class_names as string[])
          : [],
        cast: false,
      },
      readers,
      ...(meta.isLink && sampleCodec ? { linkCodec: sampleCodec } : {}),
      fetchLink: this.readLink,
    })
  }
}
