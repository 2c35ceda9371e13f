/** The tooltip that shows values under the pointer in the sample view. */
import { byId } from './dom.js'

/** Shows `describe(event)`'s lines next to the pointer while it moves over `target`. */
export function attachHover(target: HTMLElement, describe: (event: MouseEvent) => string[]): void {
  const tooltip = byId('tooltip')
  target.addEventListener('mousemove', (event) => {
    const lines = describe(event)
    if (lines.length === 0) {
      tooltip.hidden = true
      return
    }
    tooltip.textContent = lines.join('\n')
    tooltip.hidden = false
    const { innerWidth, innerHeight } = window
    const box = tooltip.getBoundingClientRect()
    const x =
      event.clientX + 16 + box.width > innerWidth ? event.clientX - 16 - box.width : event.clientX + 16
    const y =
      event.clientY + 16 + box.height > innerHeight ? event.clientY - 16 - box.height : event.clientY + 16
    tooltip.style.left = `${Math.max(0, x)}px`
    tooltip.style.top = `${Math.max(0, y)}px`
  })
  target.addEventListener('mouseleave', () => {
    tooltip.hidden = true
  })
}

/** Reads pixels of a loaded picture (drawn once into an off-screen canvas of its own size). */
export function pixelReader(
  image: HTMLImageElement,
): (x: number, y: number) => Uint8ClampedArray | undefined {
  let context: CanvasRenderingContext2D | null | undefined
  return (x, y) => {
    if (!image.complete || image.naturalWidth === 0) return undefined
    if (context === undefined) {
      const canvas = document.createElement('canvas')
      canvas.width = image.naturalWidth
      canvas.height = image.naturalHeight
      context = canvas.getContext('2d', { willReadFrequently: true })
      context?.drawImage(image, 0, 0)
    }
    if (!context || x < 0 || y < 0 || x >= image.naturalWidth || y >= image.naturalHeight) return undefined
    return context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data
  }
}
