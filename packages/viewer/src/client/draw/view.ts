/** Where an overlay is drawn: a canvas over a picture, and how image pixels map onto it. */

export interface View {
  readonly ctx: CanvasRenderingContext2D
  /** Canvas pixels per image pixel, across and down. */
  readonly sx: number
  readonly sy: number
  /** The picture's own size in pixels (what pixel coordinates refer to). */
  readonly width: number
  readonly height: number
  /** Canvas pixels per CSS pixel, so lines and text keep their on-screen size. */
  readonly unit: number
}

/** A box in image pixels: left, top, right, bottom. */
export type Ltrb = readonly [number, number, number, number]

/** Draws a small filled tag with `text` whose bottom-left corner is at canvas (x, y). */
export function drawTag(view: View, text: string, x: number, y: number, color: string): void {
  const { ctx, unit } = view
  ctx.save()
  ctx.font = `${Math.round(11 * unit)}px system-ui, "DejaVu Sans", sans-serif`
  const pad = 3 * unit
  const width = ctx.measureText(text).width + 2 * pad
  const height = 15 * unit
  const left = Math.max(0, Math.min(x, ctx.canvas.width - width))
  const top = y - height < 0 ? y : y - height
  ctx.fillStyle = color
  ctx.fillRect(left, top, width, height)
  ctx.fillStyle = '#0b0f13'
  ctx.textBaseline = 'middle'
  ctx.fillText(text, left + pad, top + height / 2 + 0.5 * unit)
  ctx.restore()
}
