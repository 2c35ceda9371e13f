import type { CompressionCodec } from '../codec/contract.js'
import { loadCodec, requireCodec } from '../codec/registry.js'
import type { TensorFiles } from '../dataset/tensor-files.js'
import { isNumericDtype, itemSize } from '../dtype.js'
import { type CanvasSample, composeCanvas } from '../engine/canvas.js'
import { TensorWriter } from '../engine/tensor-writer.js'
import { ShoalError } from '../errors.js'
import { emptyChunkIds } from '../format/chunk-id-encoder.js'
import { type CommitDiff, parseCommitDiff } from '../format/commit-diff.js'
import { encodeCustomJson } from '../format/custom-json.js'
import { type DatasetMeta, serializeDatasetMeta } from '../format/dataset-meta.js'
import {
  commitPath,
  DATASET_INFO,
  DATASET_META,
  FIRST_COMMIT_ID,
  LINKED_CREDS,
  tensorFiles,
} from '../format/keys.js'
import { serializeLinkedCreds } from '../format/linked-creds.js'
import { pythonJson } from '../format/python-json.js'
import type { TensorMeta } from '../format/tensor-meta.js'
import type { StorageProvider } from '../storage/contract.js'
import { acquireLock, type DatasetLock } from './lock.js'

/** Linked-creds bookkeeping (names only; secrets never leave memory). */
export interface CredsKeys {
  credsKeys: string[]
  managedCredsKeys: string[]
  usedCredsKeys: string[]
}

/**
 * The write side of an open dataset: the lock, the dataset-level files, and one TensorWriter per
 * tensor touched. Dataset-level files are written after every tensor's files, so a crash leaves
 * new tensors invisible rather than half-made.
 */
export class DatasetWriter {
  private lock: DatasetLock | undefined
  private locking: Promise<void> | undefined
  private readonly writers = new Map<string, TensorWriter>()
  private metaDirty = false
  private credsDirty = false
  private infoDirty = false
  /** Set by the dataset: where written chunk names are reported for its readers. */
  onChunkWritten: ((tensorKey: string, chunkName: string) => void) | undefined
  /** Set by the dataset: the codecs passed to openDataset, consulted before the registry. */
  codecs: ReadonlyMap<string, CompressionCodec> | undefined
  /** Set by the dataset: reads an existing chunk through the commit chain (for updates). */
  readChunk: ((tensorKey: string, chunkName: string) => Promise<Uint8Array>) | undefined

  constructor(
    readonly storage: StorageProvider,
    readonly url: string,
    readonly commit: string,
    readonly meta: DatasetMeta,
    readonly creds: CredsKeys,
    readonly info: Record<string, unknown>,
  ) {}

  /** Takes the dataset lock before the first change (so read-only users never need write access). */
  ensureLock(): Promise<void> {
    this.locking ??= acquireLock(this.storage, this.commit, this.url).then(
      (lock) => {
        this.lock = lock
      },
      (error: unknown) => {
        this.locking = undefined
        throw error
      },
    )
    return this.locking
  }

  /** The writer of tensor `key`, created from its files on first use. */
  async writerFor(key: string, name: string, files: TensorFiles): Promise<TensorWriter> {
    let writer = this.writers.get(key)
    if (!writer) {
      const diffBytes = await this.storage.get(commitPath(this.commit, tensorFiles.commitDiff(key)))
      const commitDiff: CommitDiff = diffBytes
        ? parseCommitDiff(diffBytes, commitPath(this.commit, tensorFiles.commitDiff(key)))
        : freshDiff(false, files.meta.length)
      writer = await this.makeWriter(key, name, files.meta, files.info, commitDiff, files)
    }
    return writer
  }

  /** The writer of tensor `key` if this session has one (its state is newer than the files). */
  existingWriter(key: string): TensorWriter | undefined {
    return this.writers.get(key)
  }

  /** A writer for a tensor created in this session (its files are written by the first flush). */
  async createWriter(
    key: string,
    name: string,
    meta: TensorMeta,
    info: Record<string, unknown>,
  ): Promise<TensorWriter> {
    const writer = await this.makeWriter(key, name, meta, info, freshDiff(true, 0))
    writer.markMetaChanged()
    if (Object.keys(info).length > 0) writer.markInfoChanged()
    return writer
  }

  private async makeWriter(
    key: string,
    name: string,
    meta: TensorMeta,
    info: Record<string, unknown>,
    commitDiff: CommitDiff,
    files?: TensorFiles,
  ): Promise<TensorWriter> {
    let compressChunk: ((data: Uint8Array) => Uint8Array) | undefined
    let decompressChunk: ((data: Uint8Array) => Uint8Array) | undefined
    let encodeCanvas: ((samples: readonly CanvasSample[]) => Promise<Uint8Array>) | undefined
    if (meta.chunkCompression !== null && !meta.isLink) {
      const codec = requireCodec(meta.chunkCompression, {
        tensor: name,
        ...(this.codecs ? { local: this.codecs } : {}),
      })
      const impl = await loadCodec(codec)
      if (impl.compressBytes && impl.decompressBytes) {
        compressChunk = (data) => impl.compressBytes!(data)
        decompressChunk = (data) => impl.decompressBytes!(data)
      } else if (codec.kind === 'image' && impl.encodeSample) {
        // The dtype may be inferred from the first sample: read it when the chunk is sealed.
        encodeCanvas = async (samples) => {
          const dtype = writer.meta.dtype
          if (dtype === null || !isNumericDtype(dtype))
            throw new ShoalError('UNSUPPORTED', `tensor "${name}": an image canvas needs a numeric dtype`)
          const canvas = composeCanvas(samples, dtype, itemSize(dtype))
          return impl.encodeSample!(canvas, { tensor: name, htype: writer.meta.htype ?? 'image' })
        }
      } else
        throw new ShoalError(
          'UNSUPPORTED',
          `tensor "${name}": writing ${meta.chunkCompression} chunk compression is not supported yet`,
          { tensor: name },
        )
    }
    const writer = new TensorWriter({
      storage: this.storage,
      commit: this.commit,
      key,
      name,
      meta,
      info,
      chunkIds: files?.chunkIds ?? emptyChunkIds(),
      tiles: files?.tiles ?? new Map(),
      ...(files?.sequences ? { sequences: files.sequences } : {}),
      ...(files?.creds ? { creds: files.creds } : {}),
      commitDiff,
      ...(compressChunk ? { compressChunk } : {}),
      ...(decompressChunk ? { decompressChunk } : {}),
      ...(encodeCanvas ? { encodeCanvas } : {}),
      readChunk: (chunk) => {
        if (!this.readChunk)
          throw new ShoalError('UNSUPPORTED', `tensor "${name}": chunks cannot be read back here`)
        return this.readChunk(key, chunk)
      },
      onChunkWritten: (tensorKey, chunk) => this.onChunkWritten?.(tensorKey, chunk),
    })
    this.writers.set(key, writer)
    return writer
  }

  /** Adds tensor keys to dataset_meta (written at the next flush, after the tensors' own files). */
  addTensor(name: string, key: string, hidden: boolean): void {
    this.meta.tensors.push(key)
    this.meta.tensorNames[name] = key
    if (hidden) this.meta.hiddenTensors.push(key)
    const parts = name.split('/')
    for (let depth = 1; depth < parts.length; depth++) {
      const group = parts.slice(0, depth).join('/')
      if (!this.meta.groups.includes(group)) this.meta.groups.push(group)
    }
    this.metaDirty = true
  }

  /** Registers a creds key name (linked_creds.json). */
  addCredsKey(key: string): void {
    if (!this.creds.credsKeys.includes(key)) {
      this.creds.credsKeys.push(key)
      this.credsDirty = true
    }
  }

  /** Marks a creds key as used by a link. */
  useCredsKey(key: string): void {
    if (!this.creds.usedCredsKeys.includes(key)) {
      this.creds.usedCredsKeys.push(key)
      this.credsDirty = true
    }
  }

  markInfoChanged(): void {
    this.infoDirty = true
  }

  /** Writes every pending change: tensors first (chunks → encoders → meta), then dataset files. */
  async flush(): Promise<void> {
    for (const writer of this.writers.values()) await writer.flush()
    const set = this.storage.set!
    if (this.infoDirty) {
      const text = pythonJson(encodeCustomJson(this.info), { indent: 4, sortKeys: true })
      await set(commitPath(this.commit, DATASET_INFO), new TextEncoder().encode(text))
      this.infoDirty = false
    }
    if (this.credsDirty) {
      await set(LINKED_CREDS, serializeLinkedCreds(this.creds))
      this.credsDirty = false
    }
    if (this.metaDirty) {
      await set(commitPath(this.commit, DATASET_META), serializeDatasetMeta(this.meta))
      this.metaDirty = false
    }
  }

  /** Flushes and releases the lock. */
  async close(): Promise<void> {
    try {
      if (this.lock || this.dirty) await this.flush()
      for (const writer of this.writers.values()) await writer.releaseOpenChunk()
    } finally {
      await this.lock?.release()
      this.lock = undefined
    }
  }

  get dirty(): boolean {
    return (
      this.metaDirty || this.credsDirty || this.infoDirty || [...this.writers.values()].some((w) => w.dirty)
    )
  }

  /** True when this head is the FIRST commit (data at the dataset root). */
  get atRoot(): boolean {
    return this.commit === FIRST_COMMIT_ID
  }
}

function freshDiff(created: boolean, length: number): CommitDiff {
  return {
    created,
    infoUpdated: false,
    dataTransformed: false,
    addedStart: length,
    addedEnd: length,
    updated: [],
    cleared: false,
    deleted: [],
  }
}
