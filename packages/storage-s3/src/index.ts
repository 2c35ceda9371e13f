/**
 * @shoal/storage-s3: Shoal datasets on Amazon S3 and S3-compatible servers (MinIO, R2, emulators).
 * Import `@shoal/storage-s3/register` to open `s3://bucket/prefix` URLs, or call
 * {@link createS3Storage} and pass the provider as `openDataset(url, { storage })`.
 */
export type { S3ClientLike, S3Credentials, S3StorageOptions } from './options.js'
export { createS3Storage, type S3Storage } from './s3-storage.js'
export { optionsFromCreds, parseS3Url, s3Scheme } from './scheme.js'
