/**
 * Masks painted to RGBA pixels on the server, so the browser never receives a raw label array:
 * segment masks in the colour of each class (class 0 transparent when it is the background),
 * binary masks one colour per object channel, with each object's extent for its label.
 */
import type { NDArray } from '@shoal/core'
import { ShoalError } from '@shoal/core'
import { classColor, isBackgroundClass, objectColor, toHex } from '../../shared/palette.js'
import type { MaskClass, MaskInfo, MaskObject } from '../../shared/protocol.js'
import { numberAt } from '../numbers.js'
import type { RawPixels } from './png.js'

/** A mask's pixels and what it holds. */
export interface PaintedMask {
  readonly pixels: RawPixels
  readonly info: MaskInfo
}

function maskSize(
  mask: NDArray,
  rank: 'segment' | 'binary',
): { height: number; width: number; channels: number } {
  const [height = 0, width = 0, channels = 1] = mask.shape
  const fits =
    rank === 'segment'
      ? mask.shape.length === 2 || (mask.shape.length === 3 && channels === 1)
      : mask.shape.length === 3 || mask.shape.length === 2
  if (!fits || height === 0 || width === 0)
    throw new ShoalError('UNSUPPORTED', `a ${rank} mask of shape [${mask.shape.join(', ')}] cannot be drawn`)
  return { height, width, channels }
}

/** Paints a segment mask `(H, W)` / `(H, W, 1)`: every pixel in its class colour. */
export function paintSegmentMask(mask: NDArray, classNames: readonly string[] | undefined): PaintedMask {
  const { height, width } = maskSize(mask, 'segment')
  const count = height * width
  const data = new Uint8Array(count * 4)
  const pixelsOf = new Map<number, number>()
  const palette = new Map<number, readonly [number, number, number] | null>()
  for (let i = 0; i < count; i++) {
    const id = numberAt(mask, i)
    pixelsOf.set(id, (pixelsOf.get(id) ?? 0) + 1)
    let color = palette.get(id)
    if (color === undefined) {
      color = isBackgroundClass(id, classNames) ? null : classColor(id)
      palette.set(id, color)
    }
    if (color) data.set([color[0], color[1], color[2], 255], i * 4)
  }
  const classes: MaskClass[] = [...pixelsOf]
    .sort(([a], [b]) => a - b)
    .map(([id, pixels]) => ({
      id,
      name: classNames?.[id] ?? null,
      color: toHex(classColor(id)),
      pixels,
      drawn: palette.get(id) !== null,
    }))
  return { pixels: { width, height, channels: 4, data }, info: { width, height, classes } }
}

/**
 * Paints a binary mask `(H, W, objects)`: a pixel takes the colour of the last object covering
 * it. Each object's pixel count and extent come along for placing its label.
 */
export function paintBinaryMask(mask: NDArray): PaintedMask {
  const { height, width, channels } = maskSize(mask, 'binary')
  const data = new Uint8Array(height * width * 4)
  const colors = Array.from({ length: channels }, (_, c) => objectColor(c))
  const stats = Array.from({ length: channels }, () => ({ pixels: 0, l: width, t: height, r: 0, b: 0 }))
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x
      for (let c = 0; c < channels; c++) {
        if (!numberAt(mask, p * channels + c)) continue
        const color = colors[c]!
        data.set([color[0], color[1], color[2], 255], p * 4)
        const s = stats[c]!
        s.pixels++
        if (x < s.l) s.l = x
        if (y < s.t) s.t = y
        if (x + 1 > s.r) s.r = x + 1
        if (y + 1 > s.b) s.b = y + 1
      }
    }
  }
  const objects: MaskObject[] = stats.map((s, channel) => ({
    channel,
    color: toHex(colors[channel]!),
    pixels: s.pixels,
    ...(s.pixels ? { box: [s.l, s.t, s.r, s.b] as const } : {}),
  }))
  return { pixels: { width, height, channels: 4, data }, info: { width, height, objects } }
}
