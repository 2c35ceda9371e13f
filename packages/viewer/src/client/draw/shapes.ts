/** Boxes, projected 3-D boxes, polygons and points on the overlay canvas. */
import type { Boxes3dCell, BoxesCell, PointsCell, PolygonsCell } from '../../shared/protocol.js'
import { drawTag, type Ltrb, type View } from './view.js'

/**
 * A bbox cell's boxes in image pixels. The server already turned every coords mode into
 * left-top-right-bottom; fractional boxes are scaled by the picture's size here, where it is known.
 */
export function boxesInPixels(cell: BoxesCell, width: number, height: number): Ltrb[] {
  const [sx, sy] = cell.coords.type === 'fractional' ? [width, height] : [1, 1]
  return cell.ltrb.map(([l = 0, t = 0, r = 0, b = 0]) => [l * sx, t * sy, r * sx, b * sy] as const)
}

/** Outlines each box; `labels[i]` (a class name) is written on box i's top edge. */
export function drawBoxes(view: View, cell: BoxesCell, color: string, labels?: readonly string[]): void {
  const { ctx, sx, sy, unit } = view
  ctx.save()
  ctx.strokeStyle = color
  ctx.lineWidth = 2 * unit
  boxesInPixels(cell, view.width, view.height).forEach(([l, t, r, b], i) => {
    ctx.strokeRect(l * sx, t * sy, (r - l) * sx, (b - t) * sy)
    const label = labels?.[i]
    if (label) drawTag(view, label, l * sx - unit, t * sy, color)
  })
  ctx.restore()
}

/** Corner pairs joined by an edge. `center` corners differ in one bit (x, y, z); `vertex` boxes list two faces. */
function boxEdges(mode: Boxes3dCell['mode']): [number, number][] {
  if (mode === 'vertex')
    return [0, 1, 2, 3].flatMap((k) => [
      [k, (k + 1) % 4],
      [k + 4, ((k + 1) % 4) + 4],
      [k, k + 4],
    ]) as [number, number][]
  const edges: [number, number][] = []
  for (let a = 0; a < 8; a++) for (const bit of [1, 2, 4]) if (!(a & bit)) edges.push([a, a | bit])
  return edges
}

/** bbox.3d boxes as the wireframes of their projected corners on picture `image`. */
export function drawBoxes3d(view: View, cell: Boxes3dCell, image: string, color: string): void {
  const boxes = cell.projected?.[image]
  if (!boxes) return
  const { ctx, sx, sy, unit } = view
  ctx.save()
  ctx.strokeStyle = color
  ctx.lineWidth = 1.5 * unit
  const edges = boxEdges(cell.mode)
  for (const corners of boxes) {
    ctx.beginPath()
    for (const [a, b] of edges) {
      const p = corners[a]
      const q = corners[b]
      if (!p || !q || ![...p, ...q].every(Number.isFinite)) continue
      ctx.moveTo(p[0] * sx, p[1] * sy)
      ctx.lineTo(q[0] * sx, q[1] * sy)
    }
    ctx.stroke()
  }
  ctx.restore()
}

/** Closed polygons, outlined and lightly filled; `labels[i]` is written at polygon i's first point. */
export function drawPolygons(
  view: View,
  cell: PolygonsCell,
  color: string,
  labels?: readonly string[],
): void {
  const { ctx, sx, sy, unit } = view
  ctx.save()
  ctx.strokeStyle = color
  ctx.fillStyle = color
  ctx.lineWidth = 2 * unit
  ctx.lineJoin = 'round'
  for (const polygon of cell.polygons) {
    if (polygon.length < 2) continue
    ctx.beginPath()
    polygon.forEach(([x = 0, y = 0], i) => {
      if (i === 0) ctx.moveTo(x * sx, y * sy)
      else ctx.lineTo(x * sx, y * sy)
    })
    ctx.closePath()
    ctx.globalAlpha = 0.22
    ctx.fill()
    ctx.globalAlpha = 1
    ctx.stroke()
  }
  cell.polygons.forEach((polygon, i) => {
    const label = labels?.[i]
    const [x = 0, y = 0] = polygon[0] ?? []
    if (label && polygon.length > 0) drawTag(view, label, x * sx, y * sy, color)
  })
  ctx.restore()
}

/** Points as small crosses. */
export function drawPoints(view: View, cell: PointsCell, color: string): void {
  const { ctx, sx, sy, unit } = view
  const arm = 4 * unit
  ctx.save()
  ctx.strokeStyle = color
  ctx.lineWidth = 2 * unit
  ctx.beginPath()
  for (const [x = 0, y = 0] of cell.points) {
    ctx.moveTo(x * sx - arm, y * sy)
    ctx.lineTo(x * sx + arm, y * sy)
    ctx.moveTo(x * sx, y * sy - arm)
    ctx.lineTo(x * sx, y * sy + arm)
  }
  ctx.stroke()
  ctx.restore()
}

/** Even-odd test: is (x, y) inside the polygon? */
export function insidePolygon(polygon: readonly (readonly number[])[], x: number, y: number): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi = 0, yi = 0] = polygon[i]!
    const [xj = 0, yj = 0] = polygon[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
