import type { NumericDtype, TypedArrayOf } from './dtype.js'

/**
 * A decoded numeric sample: C-order elements of `dtype` with `shape`. `data` is a view into
 * the decoded chunk where possible, so treat it as read-only; copy it (`data.slice()`) to keep
 * or modify it. float16 data is exposed as its raw uint16 bits.
 */
export interface NDArray<D extends NumericDtype = NumericDtype> {
  readonly dtype: D
  readonly shape: readonly number[]
  readonly data: TypedArrayOf[D]
}

/** Number of elements of a shape (1 for a scalar shape `[]`). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1
  for (const d of shape) n *= d
  return n
}
