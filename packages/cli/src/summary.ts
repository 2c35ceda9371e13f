import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Dataset, NDArray, Tensor } from '@shoal/core'
import { openStorage } from '@shoal/core'

/** What `info` reports per tensor. */
export interface TensorSummary {
  readonly htype: string
  readonly dtype: string | null
  readonly length: number
  readonly shape: (number | null)[]
  readonly sampleCompression: string | null
  readonly chunkCompression: string | null
  readonly chunks: number
  /** Stored bytes of the chunk files; null for object stores, where counting means reading them. */
  readonly bytes: number | null
  readonly classNames?: number
}

/** Chunk files and their bytes per tensor key (bytes: null where the store cannot tell without reading). */
export async function chunkStats(
  url: string,
): Promise<Map<string, { chunks: number; bytes: number | null }>> {
  const storage = await openStorage(url)
  const local = localRoot(url)
  const stats = new Map<string, { chunks: number; bytes: number | null }>()
  try {
    if (!storage.list) return stats
    for await (const key of storage.list('')) {
      const at = key.lastIndexOf('/chunks/')
      if (at < 0) continue
      const tensorKey = key.slice(0, at).replace(/^versions\/[^/]+\//, '')
      // Local folders answer with a stat; object stores would have to send every chunk.
      const size = local === undefined ? null : (await stat(join(local, key))).size
      const entry = stats.get(tensorKey) ?? { chunks: 0, bytes: 0 }
      entry.chunks++
      entry.bytes = entry.bytes === null || size === null ? null : entry.bytes + size
      stats.set(tensorKey, entry)
    }
  } finally {
    await storage.close?.()
  }
  return stats
}

/** The folder of a local dataset URL (a path or file://), else undefined. */
function localRoot(url: string): string | undefined {
  if (url.startsWith('file://')) return fileURLToPath(url)
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? undefined : url
}

export function summarise(
  tensor: Tensor,
  stats: Map<string, { chunks: number; bytes: number | null }>,
): TensorSummary {
  const names = tensor.info.class_names
  const stat = stats.get(tensor.key) ?? { chunks: 0, bytes: 0 }
  return {
    htype: tensor.htype,
    dtype: tensor.dtype,
    length: tensor.length,
    shape: tensor.shape,
    sampleCompression: tensor.meta.sampleCompression,
    chunkCompression: tensor.meta.chunkCompression,
    chunks: stat.chunks,
    bytes: stat.bytes,
    ...(Array.isArray(names) ? { classNames: names.length } : {}),
  }
}

/** An array as a person wants to read it: shape, dtype, min/max/mean and the first values. */
export function describeArray(array: NDArray): Record<string, unknown> {
  const values = Array.from(array.data as ArrayLike<number | bigint>, Number)
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  let sum = 0
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
    sum += v
  }
  return {
    shape: array.shape,
    dtype: array.dtype,
    ...(values.length
      ? { min, max, mean: Number((sum / values.length).toPrecision(6)), first: values.slice(0, 8) }
      : { first: [] }),
  }
}

/** The dataset's visible tensors, by name. */
export function visibleTensors(ds: Dataset): Tensor[] {
  return ds.tensorNames.map((name) => ds.tensor(name))
}
