/** Cells of boxes, 3-D boxes, keypoints, polygons and points: coordinates ready to draw. */
import type { NDArray, SampleValue } from '@shoal/core'
import { ShoalError } from '@shoal/core'
import { convertBoxes, inferBoxCoords, projectBoxes3d } from '@shoal/htype-geometry'
import type {
  BoxCoordsJson,
  Boxes3dCell,
  BoxesCell,
  KeypointsCell,
  PointsCell,
  PolygonsCell,
} from '../../shared/protocol.js'
import { matrix3x3 } from '../compose.js'
import { numberAt, rowsOf, tidy, toFloat64 } from '../numbers.js'
import type { CellContext } from './context.js'

function asArray(value: SampleValue, context: CellContext): NDArray {
  if (value && typeof value === 'object' && 'shape' in value && 'data' in value) return value as NDArray
  throw new ShoalError(
    'INVALID_SAMPLE',
    `sample ${context.index} of "${context.entry.tensor.name}" is not an array`,
    {
      tensor: context.entry.tensor.name,
      index: context.index,
    },
  )
}

/**
 * A bbox sample as left-top-right-bottom in its own units. The coords are the tensor's, or — when
 * it has none — the reference's rule applied to this sample: fractional CCWH when its numbers
 * average below 1, else pixel LTWH.
 */
export function boxesCell(value: SampleValue, context: CellContext): BoxesCell {
  const boxes = asArray(value, context)
  const stored = context.entry.summary.coords
  const coords: BoxCoordsJson = stored ?? inferBoxCoords(boxes)
  const ltrb = convertBoxes(boxes, coords, { type: coords.type, mode: 'LTRB' })
  return {
    kind: 'bbox',
    ltrb: rowsOf(ltrb).map((row) => row.map((v) => tidy(v, boxes.dtype))),
    stored: rowsOf(boxes),
    coords,
    inferred: stored === undefined,
  }
}

/** The intrinsics of sample `index` for each image this bbox.3d tensor is drawn on. */
async function intrinsicsByImage(context: CellContext): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {}
  for (const composition of context.catalog.summary.compositions) {
    if (!composition.overlays.some((o) => o.tensor === context.entry.tensor.name)) continue
    const source = composition.intrinsics
    if (!source) continue
    if ('matrix' in source) out[composition.image] = [...source.matrix]
    else {
      const value = await context.catalog.entry(source.tensor).tensor.get(context.index)
      const flat =
        value && typeof value === 'object' && 'data' in value ? toFloat64(value as NDArray) : undefined
      const matrix = flat && flat.length >= 9 ? matrix3x3(Array.from(flat.subarray(0, 9))) : undefined
      if (matrix) out[composition.image] = matrix
    }
  }
  return out
}

/** bbox.3d boxes as stored, and projected to pixels on every image whose intrinsics are known. */
export async function boxes3dCell(value: SampleValue, context: CellContext): Promise<Boxes3dCell> {
  const boxes = asArray(value, context)
  const mode = context.entry.summary.mode3d ?? (boxes.shape.at(-1) === 3 ? 'vertex' : 'center')
  const width = mode === 'center' ? 9 : 24
  const flat = toFloat64(boxes)
  const stored: number[][] = []
  for (let at = 0; at + width <= flat.length; at += width)
    stored.push(Array.from(flat.subarray(at, at + width), (v) => tidy(v, boxes.dtype)))
  const projected: Record<string, [number, number][][]> = {}
  for (const [image, matrix] of Object.entries(await intrinsicsByImage(context))) {
    const corners = projectBoxes3d(flat, matrix, mode).data
    const perBox: [number, number][][] = []
    for (let box = 0; box < corners.length / 16; box++) {
      const points: [number, number][] = []
      for (let k = 0; k < 8; k++) points.push([corners[box * 16 + k * 2]!, corners[box * 16 + k * 2 + 1]!])
      perBox.push(points)
    }
    projected[image] = perBox
  }
  return { kind: 'bbox.3d', mode, stored, ...(Object.keys(projected).length ? { projected } : {}) }
}

/**
 * keypoints_coco `(3·K, objects)`: per object its K keypoints as [x, y, visibility]. A 1-D sample
 * is one object.
 */
export function keypointsCell(value: SampleValue, context: CellContext): KeypointsCell {
  const array = asArray(value, context)
  const rows = array.shape[0] ?? 0
  const objects = array.shape.length >= 2 ? (array.shape[1] ?? 0) : rows > 0 ? 1 : 0
  if (rows % 3 !== 0) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `keypoints sample ${context.index} has ${rows} rows, not 3 per keypoint`,
      {
        tensor: context.entry.tensor.name,
        index: context.index,
      },
    )
  }
  const out: [number, number, number][][] = []
  for (let object = 0; object < objects; object++) {
    const points: [number, number, number][] = []
    for (let k = 0; k < rows / 3; k++) {
      const at = (row: number) => numberAt(array, row * objects + object)
      points.push([at(3 * k), at(3 * k + 1), at(3 * k + 2)])
    }
    out.push(points)
  }
  return { kind: 'keypoints_coco', objects: out }
}

/** Polygons: a list of point lists. */
export function polygonsCell(value: SampleValue, context: CellContext): PolygonsCell {
  const list = Array.isArray(value) ? (value as NDArray[]) : [asArray(value, context)]
  return { kind: 'polygon', polygons: list.map((polygon) => rowsOf(polygon)) }
}

/** Points `(n, 2)` or `(n, 3)`. */
export function pointsCell(value: SampleValue, context: CellContext): PointsCell {
  return { kind: 'point', points: rowsOf(asArray(value, context)) }
}
