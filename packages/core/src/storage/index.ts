/**
 * The storage layer: the store contract, `memory://` and local-folder providers, the LRU wrapper
 * and the URL scheme registry. It knows keys and bytes, nothing about tensors.
 */

export type { CachedStorageProvider, CacheStats, LruCacheOptions } from './cache.js'
export { withLruCache } from './cache.js'
export type {
  ByteRange,
  CallOptions,
  OpenStorageOptions,
  StorageProvider,
  StorageScheme,
} from './contract.js'
export { isWritable, normalizeKey, normalizePrefix, readRange } from './contract.js'
export type { LocalStorageOptions } from './local.js'
export { createLocalStorage } from './local.js'
export type { MemoryStorageOptions } from './memory.js'
export { createMemoryStorage, dropMemoryStorage } from './memory.js'
export { resolveRange } from './range.js'
export { asReadOnly } from './read-only.js'
export {
  findStorageScheme,
  knownSchemePackages,
  listStorageSchemes,
  openStorage,
  registerStorageScheme,
  storageScheme,
} from './schemes.js'
