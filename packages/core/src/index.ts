/**
 * @shoal/core: read Deep Lake 3.x datasets from Node. See README.md for a runnable example.
 */

export { lz4Codec } from './codec/lz4.js'
export { canonicalCompression, knownCompressionPackages } from './codec/registry.js'
export type { CopyDatasetOptions, CopyProgress, CopyResult } from './dataset/copy.js'
export { copyDataset } from './dataset/copy.js'
export type {
  CommitRecord,
  CreateDatasetOptions,
  DatasetInit,
  Info,
  LinkRecord,
  OpenDatasetOptions,
} from './dataset/index.js'
export { createDataset, Dataset, openDataset, Tensor } from './dataset/index.js'
export type { ScanBatch, ScanOptions } from './engine/scan.js'
export type { SampleValue } from './engine/tensor-reader.js'
export { FIRST_COMMIT_ID, FORMAT_VERSION } from './format/keys.js'
export type { TensorMeta } from './format/tensor-meta.js'
export { builtinHtypes, formatHtypeName, knownHtypePackages, parseHtypeName } from './htype/index.js'
export * from './plugin.js'
export { withLruCache } from './storage/cache.js'
export { createLocalStorage } from './storage/local.js'
export { createMemoryStorage } from './storage/memory.js'
export type { ChunkPrefetchOptions, PrefetchingStorage } from './storage/prefetch.js'
export { withChunkPrefetch } from './storage/prefetch.js'
export { knownSchemePackages, openStorage } from './storage/schemes.js'
export type { FileSample, LinkSample } from './write/inputs.js'
export { link, read } from './write/inputs.js'
export type { AppendOptions } from './write/tensor-appender.js'
export type { CreateTensorOptions } from './write/tensor-options.js'
