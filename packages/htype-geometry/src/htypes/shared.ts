import type { NDArray } from '@shoal/core/plugin'

export const PACKAGE = '@shoal/htype-geometry'

/** An empty list (`[]`, shape (0,)) becomes an empty sample of the htype's rank, e.g. zero boxes (0, 4). */
export function emptyAs(sample: NDArray, shape: number[]): NDArray {
  return sample.shape.length === 1 && sample.shape[0] === 0 ? { ...sample, shape } : sample
}
