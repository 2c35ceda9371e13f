/** What lies under the pointer on a picture: its pixel, and every overlay object that covers it. */
import { fromHex } from '../shared/palette.js'
import type { Cell, MaskInfo } from '../shared/protocol.js'
import { formatNumber } from './dom.js'
import { boxesInPixels, insidePolygon } from './draw/shapes.js'
import { pixelReader } from './hover.js'
import { activeOverlays, labelsFor, objectCount } from './overlays.js'
import type { LoadedMask, StageOptions } from './stage.js'

interface HoverTarget {
  readonly canvas: HTMLCanvasElement
  readonly image: HTMLImageElement
  readonly masks: ReadonlyMap<string, LoadedMask>
  readonly options: StageOptions
}

const readers = new WeakMap<HTMLImageElement, ReturnType<typeof pixelReader>>()

function readPixel(image: HTMLImageElement, x: number, y: number): Uint8ClampedArray | undefined {
  let reader = readers.get(image)
  if (!reader) {
    reader = pixelReader(image)
    readers.set(image, reader)
  }
  return reader(x, y)
}

const list = (values: readonly number[]) => `[${values.map(formatNumber).join(', ')}]`

/** The class (segment mask) or objects (binary mask) whose colour the mask has at (x, y). */
function maskAt(
  mask: LoadedMask,
  info: MaskInfo | undefined,
  x: number,
  y: number,
  labels?: string[],
): string | undefined {
  const pixel = readPixel(mask.image, x, y)
  if (!pixel || pixel[3] === 0) return undefined
  const same = (hex: string) => fromHex(hex).every((v, k) => v === pixel[k])
  const found = info?.classes?.find((c) => same(c.color))
  if (found) return `class ${found.id}${found.name ? ` ${found.name}` : ''}`
  const object = info?.objects?.find((o) => same(o.color))
  if (object) return `object ${object.channel}${labels?.[object.channel] ? ` ${labels[object.channel]}` : ''}`
  return `rgb(${pixel[0]}, ${pixel[1]}, ${pixel[2]})`
}

function overlayLines(
  tensor: string,
  cell: Cell,
  x: number,
  y: number,
  near: number,
  target: HoverTarget,
  labels?: string[],
): string[] {
  const { image } = target
  switch (cell.kind) {
    case 'bbox':
      return boxesInPixels(cell, image.naturalWidth, image.naturalHeight).flatMap(([l, t, r, b], i) =>
        x >= l - near && x <= r + near && y >= t - near && y <= b + near
          ? [
              `${tensor}[${i}]${labels?.[i] ? ` ${labels[i]}` : ''} ${cell.coords.type} ${cell.coords.mode}${cell.inferred ? ' (inferred)' : ''} ${list(cell.stored[i] ?? [])}`,
            ]
          : [],
      )
    case 'keypoints_coco': {
      const names = target.options.state.tensors.get(tensor)?.keypoints
      return cell.objects.flatMap((points, object) =>
        points.flatMap(([px, py, v], k) =>
          v !== 0 && Math.hypot(px - x, py - y) <= near
            ? [`${tensor} object ${object} ${names?.[k] ?? `keypoint ${k}`}: (${px}, ${py}) v=${v}`]
            : [],
        ),
      )
    }
    case 'polygon':
      return cell.polygons.flatMap((polygon, i) =>
        insidePolygon(polygon, x, y)
          ? [`${tensor} polygon ${i}${labels?.[i] ? ` ${labels[i]}` : ''}: ${polygon.length} points`]
          : [],
      )
    case 'point':
      return cell.points.flatMap(([px = 0, py = 0], i) =>
        Math.hypot(px - x, py - y) <= near ? [`${tensor}[${i}]: ${list([px, py])}`] : [],
      )
    case 'segment_mask':
    case 'binary_mask': {
      const mask = target.masks.get(tensor)
      const found = mask && maskAt(mask, mask.info, x, y, labels)
      return found ? [`${tensor}: ${found}`] : []
    }
    default:
      return []
  }
}

/** The tooltip lines for a pointer event on the overlay canvas. */
export function describePoint(event: MouseEvent, target: HoverTarget): string[] {
  const { canvas, image, options } = target
  if (image.naturalWidth === 0) return []
  const scale = canvas.clientWidth / image.naturalWidth
  const x = event.offsetX / scale
  const y = event.offsetY / scale
  const lines = [
    `x ${formatNumber(x)}  y ${formatNumber(y)}  (${formatNumber(x / image.naturalWidth)}, ${formatNumber(y / image.naturalHeight)})`,
  ]
  const pixel = readPixel(image, x, y)
  if (pixel)
    lines.push(
      `${options.composition.image}: rgb(${pixel[0]}, ${pixel[1]}, ${pixel[2]})${(pixel[3] ?? 255) < 255 ? ` α ${pixel[3]}` : ''}`,
    )
  const active = activeOverlays(options.state, options.composition, options.cells)
  for (const { spec, cell } of active) {
    const labels = labelsFor(objectCount(cell, target.masks.get(spec.tensor)?.info), active)
    lines.push(...overlayLines(spec.tensor, cell, x, y, 8 / scale, target, labels))
  }
  return lines
}
