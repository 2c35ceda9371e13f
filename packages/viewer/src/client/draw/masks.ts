/**
 * Masks arrive as PNGs the server painted (class colours, or one colour per object): they are
 * laid over the picture half transparent, scaled without smoothing so class borders stay sharp.
 */
import type { MaskInfo } from '../../shared/protocol.js'
import { drawTag, type View } from './view.js'

/** How opaque a mask is over its picture. */
export const MASK_ALPHA = 0.5

export function drawMask(view: View, mask: HTMLImageElement): void {
  const { ctx } = view
  ctx.save()
  ctx.globalAlpha = MASK_ALPHA
  ctx.imageSmoothingEnabled = false
  ctx.drawImage(mask, 0, 0, view.width * view.sx, view.height * view.sy)
  ctx.restore()
}

/** Each binary-mask object's label at the top-left of its pixels, in the object's colour. */
export function drawMaskLabels(view: View, info: MaskInfo, labels: readonly string[]): void {
  for (const object of info.objects ?? []) {
    const label = labels[object.channel]
    if (!label || !object.box) continue
    const [l, t] = object.box
    drawTag(view, label, l * view.sx, t * view.sy, object.color)
  }
}
