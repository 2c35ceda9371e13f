/**
 * The plugin contract entry of @shoal/core: what an htype, codec or storage package imports.
 * Everything here is types, identity helpers, registration functions and errors — no I/O.
 */
export type {
  CodecImplementation,
  CompressionCodec,
  CompressionKind,
  DecodeContext,
  DecodeOptions,
  EncodeContext,
  FileDescription,
} from './codec/contract.js'
export { defineCodec } from './codec/contract.js'
export { findCodec, listCodecs, registerCodecs } from './codec/registry.js'
export type { AnyTypedArray, NumericDtype, TypedArrayOf } from './dtype.js'
export { allocTyped, bytesOf, isNumericDtype, itemSize, typedView } from './dtype.js'
export { ChunkCache } from './engine/chunk-cache.js'
export type { ShoalErrorCode, ShoalErrorDetails } from './errors.js'
export { DatasetLockedError, isShoalError, ShoalError } from './errors.js'
export type { HtypeDefinition, SampleLayout, ValidateContext } from './htype/contract.js'
export { defineHtype } from './htype/contract.js'
export { findHtype, listHtypes, registerHtypes } from './htype/registry.js'
export type { NDArray } from './ndarray.js'
export { shapeSize } from './ndarray.js'
export { raceAbort } from './storage/abort.js'
export type {
  ByteRange,
  CallOptions,
  OpenStorageOptions,
  StorageProvider,
  StorageScheme,
} from './storage/contract.js'
export { isWritable, normalizeKey, normalizePrefix, readRange } from './storage/contract.js'
export { checkRange, resolveRange } from './storage/range.js'
export type { RetryPolicy, StorageCounters } from './storage/remote.js'
export {
  createCounters,
  createLimiter,
  isTransientNetworkError,
  sleep,
  withRetries,
} from './storage/remote.js'
export { registerStorageScheme } from './storage/schemes.js'
export { float16BitsToNumber } from './write/float16.js'
