/**
 * A picture with its overlays: the image tensor's sample as an <img>, a <canvas> of the same
 * size over it for boxes, keypoints, polygons, points, 3-D boxes and masks, and the class labels
 * as chips below. The picture loads lazily; masks load when the picture scrolls into view.
 */
import { classColor, toHex } from '../shared/palette.js'
import type { Cell, Composition, ImageCell, MaskCell, MaskInfo } from '../shared/protocol.js'
import { getJson, pictureError } from './api.js'
import { el } from './dom.js'
import { drawKeypoints } from './draw/keypoints.js'
import { drawMask, drawMaskLabels } from './draw/masks.js'
import { drawBoxes, drawBoxes3d, drawPoints, drawPolygons } from './draw/shapes.js'
import type { View } from './draw/view.js'
import { attachHover } from './hover.js'
import { activeOverlays, labelsFor, objectCount } from './overlays.js'
import { describePoint } from './stage-hover.js'
import { onRedraw, type ViewState } from './state.js'
import { chip, errorTile, legend, whenVisible } from './tiles.js'

export interface StageOptions {
  readonly state: ViewState
  readonly composition: Composition
  readonly cells: Readonly<Record<string, Cell>>
  readonly index: number
  /** Largest height of the picture on screen, in CSS pixels. */
  readonly maxHeight: number
  /** Sample view: values on hover and per-sample mask legends. */
  readonly interactive: boolean
}

/** A mask overlay's picture and what it holds, fetched when the stage is first visible. */
export interface LoadedMask {
  readonly image: HTMLImageElement
  info?: MaskInfo
}

export function createStage(options: StageOptions): HTMLElement {
  const { composition, cells, index } = options
  const imageCell = cells[composition.image]
  const wrap = el('div', { class: 'stage-wrap' })
  if (!imageCell || imageCell.kind === 'empty') {
    wrap.append(el('div', { class: 'more' }, `no ${composition.image} at ${index}`))
    return wrap
  }
  if (imageCell.kind === 'error') {
    wrap.append(errorTile(imageCell.error, index))
    return wrap
  }
  if (imageCell.kind !== 'image') return wrap
  buildStage(wrap, imageCell, options)
  return wrap
}

function buildStage(wrap: HTMLElement, imageCell: ImageCell, options: StageOptions): void {
  const { composition, cells, index } = options
  const box = el('div', { class: 'stage-box' })
  const stage = el('div', { class: 'stage', 'data-image': composition.image, 'data-index': index })
  const image = el('img', {
    class: 'picture',
    src: imageCell.src,
    alt: `${composition.image} ${index}`,
    loading: 'lazy',
    decoding: 'async',
    draggable: 'false',
  })
  const canvas = el('canvas', { class: 'overlay', 'data-image': composition.image })
  const chips = el('div', { class: 'chips' })
  const notes = el('div', { class: 'notes' })
  stage.append(image, canvas)
  box.append(stage)
  wrap.append(box, chips, notes)

  const masks = new Map<string, LoadedMask>()
  const natural = () =>
    image.naturalWidth > 0
      ? { width: image.naturalWidth, height: image.naturalHeight }
      : imageCell.width && imageCell.height
        ? { width: imageCell.width, height: imageCell.height }
        : undefined

  const layout = () => {
    const size = natural()
    const room = box.clientWidth || 240
    if (!size) return
    // Pictures fill the room they have; small ones are enlarged with crisp pixels.
    const scale = Math.min(room / size.width, options.maxHeight / size.height)
    image.style.width = `${Math.max(1, Math.round(size.width * scale))}px`
    image.style.height = `${Math.max(1, Math.round(size.height * scale))}px`
    stage.classList.toggle('pixelated', scale > 2)
  }

  const draw = () => {
    layout()
    drawStage({ canvas, image, masks, chips, notes, options })
  }

  image.addEventListener('load', draw)
  image.addEventListener('error', () => {
    // The browser could not show the stored file: let the server decode it, which either works
    // (a format the browser lacks) or reports the typed error naming the sample.
    const decoded = `${imageCell.src}&decode=1`
    if (image.getAttribute('src') !== decoded) {
      image.src = decoded
      return
    }
    void pictureError(decoded).then((error) => {
      wrap.replaceChildren(errorTile({ tensor: composition.image, index, ...error }, index))
    })
  })
  new ResizeObserver(() => draw()).observe(box)
  onRedraw(stage, draw)
  whenVisible(stage, () => {
    for (const { tensor, kind } of composition.overlays) {
      const cell = cells[tensor]
      if (kind !== 'segment_mask' && kind !== 'binary_mask') continue
      if (!cell || (cell.kind !== 'segment_mask' && cell.kind !== 'binary_mask')) continue
      masks.set(tensor, loadMask(cell, options.interactive || kind === 'binary_mask', draw))
    }
  })
  if (options.interactive)
    attachHover(canvas, (event) => describePoint(event, { canvas, image, masks, options }))
  draw()
}

function loadMask(cell: MaskCell, withInfo: boolean, redraw: () => void): LoadedMask {
  const image = new Image()
  const loaded: LoadedMask = { image }
  image.decoding = 'async'
  image.addEventListener('load', redraw)
  image.src = cell.src
  if (withInfo)
    void getJson<MaskInfo>(cell.info).then(
      (info) => {
        loaded.info = info
        redraw()
      },
      () => undefined, // the PNG's own request shows the error
    )
  return loaded
}

interface DrawTarget {
  readonly canvas: HTMLCanvasElement
  readonly image: HTMLImageElement
  readonly masks: ReadonlyMap<string, LoadedMask>
  readonly chips: HTMLElement
  readonly notes: HTMLElement
  readonly options: StageOptions
}

/** Draws every switched-on overlay, in the composition's order, and rebuilds chips and notes. */
function drawStage({ canvas, image, masks, chips, notes, options }: DrawTarget): void {
  const { state, composition, cells, index } = options
  const active = activeOverlays(state, composition, cells)
  chips.replaceChildren()
  notes.replaceChildren()
  for (const spec of composition.overlays) {
    const cell = cells[spec.tensor]
    if (cell?.kind === 'error' && !state.hidden.has(spec.tensor)) notes.append(errorTile(cell.error, index))
  }
  for (const { cell, spec } of active) {
    if (cell.kind !== 'class_label') continue
    for (const label of cell.labels)
      chips.append(
        chip(label.name ?? `#${label.id}`, toHex(classColor(label.id)), `${spec.tensor}: ${label.id}`),
      )
  }
  if (options.interactive) appendMaskLegends(notes, active, masks)

  if (!image.complete || image.naturalWidth === 0) return
  const unit = window.devicePixelRatio || 1
  canvas.width = Math.max(1, Math.round(image.clientWidth * unit))
  canvas.height = Math.max(1, Math.round(image.clientHeight * unit))
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  const view: View = {
    ctx,
    sx: canvas.width / image.naturalWidth,
    sy: canvas.height / image.naturalHeight,
    width: image.naturalWidth,
    height: image.naturalHeight,
    unit,
  }
  for (const { spec, cell } of active) {
    const tensor = state.tensors.get(spec.tensor)
    switch (cell.kind) {
      case 'segment_mask':
      case 'binary_mask': {
        const mask = masks.get(spec.tensor)
        if (!mask?.image.complete || mask.image.naturalWidth === 0) break
        drawMask(view, mask.image)
        const labels = labelsFor(objectCount(cell, mask.info), active)
        if (cell.kind === 'binary_mask' && mask.info && labels) drawMaskLabels(view, mask.info, labels)
        break
      }
      case 'polygon':
        drawPolygons(view, cell, spec.color, labelsFor(objectCount(cell), active))
        break
      case 'bbox':
        drawBoxes(view, cell, spec.color, labelsFor(objectCount(cell), active))
        break
      case 'bbox.3d':
        drawBoxes3d(view, cell, composition.image, spec.color)
        break
      case 'keypoints_coco':
        drawKeypoints(view, cell, spec.color, tensor?.connections)
        break
      case 'point':
        drawPoints(view, cell, spec.color)
        break
      default:
        break
    }
  }
}

/** Sample view: which classes each segment mask holds at this index, and the binary mask objects. */
function appendMaskLegends(
  notes: HTMLElement,
  active: ReturnType<typeof activeOverlays>,
  masks: ReadonlyMap<string, LoadedMask>,
): void {
  for (const { spec, cell } of active) {
    const info = masks.get(spec.tensor)?.info
    if (!info) continue
    if (cell.kind === 'segment_mask' && info.classes) {
      const entries = info.classes
        .filter((c) => c.drawn)
        .map((c) => ({ name: `${c.name ?? `class ${c.id}`} (${c.pixels} px)`, color: c.color }))
      notes.append(el('div', {}, `${spec.tensor}: `, legend(entries, 64)))
    }
    if (cell.kind === 'binary_mask' && info.objects) {
      const labels = labelsFor(info.objects.length, active)
      const entries = info.objects.map((o) => ({
        name: `${labels?.[o.channel] ?? `object ${o.channel}`} (${o.pixels} px)`,
        color: o.color,
      }))
      notes.append(el('div', {}, `${spec.tensor}: `, legend(entries, 64)))
    }
  }
}
