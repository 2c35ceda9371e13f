/**
 * COCO segmentations to masks: polygons filled at pixel centres (even-odd rule), and run-length
 * encodings in both of COCO's forms (a counts list, or its compressed string).
 */

/** Fills polygons (flat [x1, y1, x2, y2, …] lists) into `mask` (H × W, one byte per pixel). */
export function fillPolygons(
  polygons: readonly (readonly number[])[],
  height: number,
  width: number,
  mask: Uint8Array,
  stride = 1,
  offset = 0,
): void {
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5
    const crossings: number[] = []
    for (const flat of polygons) {
      const n = Math.floor(flat.length / 2)
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const [xi, yi, xj, yj] = [flat[2 * i]!, flat[2 * i + 1]!, flat[2 * j]!, flat[2 * j + 1]!]
        if (yi > cy !== yj > cy) crossings.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi))
      }
    }
    crossings.sort((a, b) => a - b)
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k]! - 0.5))
      const to = Math.min(width - 1, Math.floor(crossings[k + 1]! - 0.5))
      for (let x = from; x <= to; x++) mask[(y * width + x) * stride + offset] = 1
    }
  }
}

/** Decodes COCO's compressed RLE string into run lengths. */
export function decodeRleString(text: string): number[] {
  const counts: number[] = []
  let p = 0
  while (p < text.length) {
    let x = 0
    let k = 0
    let more = 1
    while (more) {
      const c = text.charCodeAt(p) - 48
      x |= (c & 0x1f) << (5 * k)
      more = c & 0x20
      p++
      k++
      if (!more && c & 0x10) x |= -1 << (5 * k)
    }
    if (counts.length > 2) x += counts[counts.length - 2]!
    counts.push(x)
  }
  return counts
}

/** Fills a run-length mask (column-major runs of 0s then 1s, COCO's order) into `mask`. */
export function fillRle(
  counts: readonly number[],
  height: number,
  width: number,
  mask: Uint8Array,
  stride = 1,
  offset = 0,
): void {
  let position = 0
  for (let i = 0; i < counts.length; i++) {
    const run = counts[i]!
    if (i % 2 === 1)
      for (let p = position; p < position + run && p < height * width; p++) {
        const x = Math.floor(p / height)
        const y = p % height
        mask[(y * width + x) * stride + offset] = 1
      }
    position += run
  }
}
