/** The zarrita arm's storage: a Zarr v3 hierarchy in a local folder through @zarrita/storage. */
import FileSystemStore from '@zarrita/storage/fs'
import * as zarr from 'zarrita'

/** Chunk bytes zarrita arrays aim for, like Shoal's chunks (which fill to about 8 MB). */
const TARGET_CHUNK_BYTES = 10_000_000

/** The codecs of an lz4-compressed array: plain lz4 after the bytes codec, as Shoal's lz4 chunks. */
export const LZ4_CODECS = [
  { name: 'bytes', configuration: { endian: 'little' } },
  { name: 'numcodecs.lz4', configuration: { acceleration: 1 } },
]

/**
 * Rows per zarr chunk: the largest divisor of `batch` whose chunk stays at or under ~10 MB. A chunk
 * that divides the write batch means `set` never reads back a half-written chunk, so zarrita is not
 * charged for a read-modify-write that only this benchmark's batch size would cause.
 */
export function zarrChunkRows(batch: number, rowBytes: number): number {
  for (let parts = 1; parts <= batch; parts++) {
    if (batch % parts === 0 && (batch / parts) * rowBytes <= TARGET_CHUNK_BYTES) return batch / parts
  }
  return 1
}

/** What to create: the array's shape, chunk rows, dtype and optional codecs. */
export interface ZarrArraySpec<D extends zarr.DataType> {
  readonly shape: number[]
  readonly chunkRows: number
  readonly dtype: D
  readonly codecs?: { name: string; configuration: Record<string, unknown> }[]
}

/** Creates a root group in `dir` and an array `name` under it, chunked along the first axis only. */
export async function createZarrArray<D extends zarr.DataType>(
  dir: string,
  name: string,
  spec: ZarrArraySpec<D>,
): Promise<zarr.Array<D, FileSystemStore>> {
  const root = zarr.root(new FileSystemStore(dir))
  await zarr.create(root)
  return zarr.create(root.resolve(name), {
    shape: spec.shape,
    chunkShape: [spec.chunkRows, ...spec.shape.slice(1)],
    dtype: spec.dtype,
    ...(spec.codecs ? { codecs: spec.codecs } : {}),
  })
}

/** Opens array `name` of the hierarchy in `dir`. */
export function openZarrArray(
  dir: string,
  name: string,
): Promise<zarr.Array<zarr.DataType, FileSystemStore>> {
  return zarr.open(zarr.root(new FileSystemStore(dir)).resolve(name), { kind: 'array' })
}

/** C-order strides of `shape`, as zarrita's `set` wants them. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1)
  for (let axis = shape.length - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1]! * shape[axis + 1]!
  return strides
}
