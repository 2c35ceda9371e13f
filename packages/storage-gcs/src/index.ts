/**
 * @shoal/storage-gcs: Shoal datasets on Google Cloud Storage. Import `@shoal/storage-gcs/register`
 * to open `gcs://bucket/prefix` and `gs://bucket/prefix` URLs, or call {@link createGcsStorage} and
 * pass the provider as `openDataset(url, { storage })`.
 */
export { createGcsStorage, type GcsStorage } from './gcs-storage.js'
export type { GcsClientLike, GcsStorageOptions } from './options.js'
export { gcsSchemes, optionsFromCreds, parseGcsUrl } from './scheme.js'
