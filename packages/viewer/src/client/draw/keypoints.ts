/**
 * COCO keypoints: each object's `connections` as lines, labelled-but-occluded points (v = 1) as
 * rings, visible points (v = 2) as dots. Points with v = 0 are not in the image: neither they nor
 * their connections are drawn.
 */
import type { KeypointsCell } from '../../shared/protocol.js'
import type { View } from './view.js'

export function drawKeypoints(
  view: View,
  cell: KeypointsCell,
  color: string,
  connections: readonly (readonly [number, number])[] = [],
): void {
  const { ctx, sx, sy, unit } = view
  const radius = 3.5 * unit
  ctx.save()
  ctx.lineWidth = 2 * unit
  ctx.strokeStyle = color
  for (const points of cell.objects) {
    ctx.beginPath()
    for (const [a, b] of connections) {
      const p = points[a]
      const q = points[b]
      if (!p || !q || p[2] === 0 || q[2] === 0) continue
      ctx.moveTo(p[0] * sx, p[1] * sy)
      ctx.lineTo(q[0] * sx, q[1] * sy)
    }
    ctx.stroke()
    for (const [x, y, v] of points) {
      if (v === 0) continue
      ctx.beginPath()
      ctx.arc(x * sx, y * sy, radius, 0, Math.PI * 2)
      if (v === 1) {
        ctx.fillStyle = '#0b0f13'
        ctx.fill()
        ctx.stroke()
      } else {
        ctx.fillStyle = color
        ctx.fill()
        ctx.lineWidth = 1 * unit
        ctx.strokeStyle = '#ffffff'
        ctx.stroke()
        ctx.lineWidth = 2 * unit
        ctx.strokeStyle = color
      }
    }
  }
  ctx.restore()
}
