/**
 * Runs in the page (Playwright's or Puppeteer's `page.evaluate`): the overlay pixel (RGBA, not
 * premultiplied) of a card's canvas at image pixel (x, y), the most opaque one in a 3×3 patch.
 * Self-contained, as the browser receives only its source.
 */
export function overlayPixel({ card, x, y }: { card: number; x: number; y: number }): number[] {
  const root = document.querySelector(`.card[data-index="${card}"]`)!
  const image = root.querySelector<HTMLImageElement>('img.picture')!
  const canvas = root.querySelector<HTMLCanvasElement>('canvas.overlay')!
  const cx = Math.floor((x * canvas.width) / image.naturalWidth)
  const cy = Math.floor((y * canvas.height) / image.naturalHeight)
  const data = canvas.getContext('2d')!.getImageData(cx - 1, cy - 1, 3, 3).data
  let best = 0
  for (let i = 4; i < data.length; i += 4) if (data[i + 3]! > data[best + 3]!) best = i
  return Array.from(data.subarray(best, best + 4))
}
