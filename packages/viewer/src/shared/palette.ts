/**
 * Colours shared by the server (which paints masks into PNGs) and the page (which draws legends
 * and lines), so a class has the same colour everywhere. Hues step by the golden angle, so
 * neighbouring ids never look alike.
 */

export type Rgb = readonly [number, number, number]

const GOLDEN_ANGLE = 137.50776405

/** HSL (degrees, 0–1, 0–1) to 8-bit RGB. */
export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation
  const x = chroma * (1 - Math.abs((h % 2) - 1))
  const [r, g, b] =
    h < 1
      ? [chroma, x, 0]
      : h < 2
        ? [x, chroma, 0]
        : h < 3
          ? [0, chroma, x]
          : h < 4
            ? [0, x, chroma]
            : h < 5
              ? [x, 0, chroma]
              : [chroma, 0, x]
  const m = lightness - chroma / 2
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)]
}

/** `#rrggbb` of an RGB triple. */
export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`
}

/** RGB of `#rrggbb`. */
export function fromHex(hex: string): Rgb {
  const v = Number.parseInt(hex.slice(1), 16)
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255]
}

/** The colour of the n-th overlay tensor of a composition: saturated, light enough for dark images. */
export function overlayColor(n: number): Rgb {
  return hslToRgb(355 + n * GOLDEN_ANGLE, 0.9, 0.55)
}

/** The colour of class id `id` in segment masks and class legends. */
export function classColor(id: number): Rgb {
  return hslToRgb(200 + id * GOLDEN_ANGLE, 0.75, 0.5 + ((id * 7) % 3) * 0.08)
}

/** The colour of channel `channel` of a binary mask. */
export function objectColor(channel: number): Rgb {
  return hslToRgb(60 + channel * GOLDEN_ANGLE, 0.85, 0.52)
}

const BACKGROUND_NAMES = /^_*(background|bg|void|unlabel+ed|none|ignore)_*$/i

/**
 * Whether class 0 of a segment mask is background, drawn transparent: when the tensor names no
 * classes, or names class 0 like a background (`background`, `bg`, `void`, `unlabeled`, …).
 */
export function isBackgroundClass(id: number, classNames: readonly string[] | undefined): boolean {
  if (id !== 0) return false
  const name = classNames?.[0]
  return name === undefined || BACKGROUND_NAMES.test(name)
}
