import { type DecodeContext, type DecodeOptions, type NDArray, ShoalError } from '@shoal/core/plugin'

/** A point cloud read with `get(i, { fields })`: the (points, 3) coordinates plus per-point fields. */
export interface PointCloudSample extends NDArray {
  /** `intensity` (points) uint16, `classification` (points) uint8, `color` (points, 3) uint16 — those the file has. */
  readonly fields?: Readonly<Record<string, NDArray>>
}

/** A mesh read with `get(i, { faces: true })`: the (points, 3) vertices plus (faces, 3) vertex indices. */
export interface MeshSample extends NDArray {
  readonly faces?: NDArray<'uint32'>
}

/** The point fields a reader can ask for. */
export const POINT_FIELDS = ['intensity', 'classification', 'color'] as const
export type PointField = (typeof POINT_FIELDS)[number]

/** `{ fields: true }` → every field; `{ fields: ['intensity'] }` → those; absent → none. */
export function pointFields(context: DecodeContext): Set<PointField> | undefined {
  const fields = context.options?.fields
  if (fields === undefined || fields === false) return undefined
  if (fields === true) return new Set(POINT_FIELDS)
  if (!Array.isArray(fields) || fields.some((f) => !POINT_FIELDS.includes(f as PointField)))
    throw new ShoalError(
      'INVALID_ARGUMENT',
      `tensor "${context.tensor}", sample ${context.index}: fields must be true or a list of ${POINT_FIELDS.join(', ')}; got ${JSON.stringify(fields)}`,
      {
        tensor: context.tensor ?? '',
        ...(context.index === undefined ? {} : { index: context.index }),
        expected: `true or some of ${POINT_FIELDS.join(', ')}`,
      },
    )
  return new Set(fields as PointField[])
}

/** True when `get(i, { faces: true })` asked for faces. */
export const wantsFaces = (options: DecodeOptions | undefined): boolean => options?.faces === true
