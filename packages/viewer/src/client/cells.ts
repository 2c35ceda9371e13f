/**
 * Every cell that is not a composed picture: text and json as text, labels as chips, embeddings
 * as a sparkline (and a heat strip in the sample view), arrays as shape and stats (2-D ones as a
 * heat map), video and audio players, sequences item by item, and error tiles.
 */
import { classColor, toHex } from '../shared/palette.js'
import type {
  ArrayCell,
  Cell,
  EmbeddingCell,
  MediaCell,
  TensorSummary,
  Waveform,
} from '../shared/protocol.js'
import { getJson, pictureError } from './api.js'
import { drawHeatStrip, drawSparkline, drawWaveform, hoverEmbedding } from './charts.js'
import { el, formatNumber, formatShape } from './dom.js'
import { attachHover } from './hover.js'
import { chip, errorTile, whenVisible } from './tiles.js'

/** Where a cell is shown: a grid card (compact) or the sample view (everything). */
export interface CellPlace {
  readonly detail: boolean
  readonly index: number
  readonly tensor: TensorSummary | undefined
}

/** A picture that loads lazily and turns into an error tile when the server refuses it. */
export function lazyPicture(src: string, alt: string, className: string, index: number): HTMLElement {
  const image = el('img', { src, alt, class: className, loading: 'lazy', decoding: 'async' })
  image.addEventListener('error', () => {
    const decoded = `${src}&decode=1`
    if (src.startsWith('/api/image?') && image.getAttribute('src') !== decoded) {
      image.src = decoded
      return
    }
    void pictureError(image.getAttribute('src') ?? src).then((error) =>
      image.replaceWith(errorTile(error, index)),
    )
  })
  return image
}

function textBlock(text: string, truncated: number, mono: boolean): HTMLElement {
  return el(
    'pre',
    { class: mono ? 'code' : 'text' },
    text,
    truncated > 0 ? el('span', { class: 'more' }, ` … ${truncated} more characters`) : null,
  )
}

function embeddingNode(cell: EmbeddingCell, place: CellPlace): HTMLElement {
  const spark = el('canvas', { class: 'spark', 'data-kind': 'embedding' })
  const strip = place.detail ? el('canvas', { class: 'spark', 'data-kind': 'heat-strip' }) : null
  const node = el(
    'div',
    {},
    spark,
    strip,
    el(
      'div',
      { class: 'stats' },
      `${cell.length} values · ${formatNumber(cell.min)} … ${formatNumber(cell.max)} · ‖v‖ ${formatNumber(cell.norm)}`,
    ),
  )
  // Canvases need their laid-out width: draw once the node is on screen.
  whenVisible(node, () => {
    drawSparkline(spark, cell)
    if (strip) drawHeatStrip(strip, cell)
  })
  if (place.detail) {
    hoverEmbedding(spark, cell)
    if (strip) hoverEmbedding(strip, cell)
  }
  return node
}

function arrayNode(cell: ArrayCell, place: CellPlace): HTMLElement {
  const stats = cell.stats
  const node = el(
    'div',
    {},
    el(
      'div',
      { class: 'stats' },
      `${cell.dtype} ${formatShape(cell.shape)}`,
      stats
        ? ` · min ${formatNumber(stats.min)} max ${formatNumber(stats.max)} mean ${formatNumber(stats.mean)} std ${formatNumber(stats.std)}${stats.nonFinite ? ` · ${stats.nonFinite} non-finite` : ''}`
        : ' · too large to summarise',
    ),
  )
  const count = cell.shape.reduce((a, b) => a * b, 1)
  if (cell.image) node.append(lazyPicture(cell.image, 'array as a picture', 'heatmap', place.index))
  else if (cell.heatmap) {
    const picture = lazyPicture(cell.heatmap, 'heat map', 'heatmap', place.index)
    node.append(picture)
    if (place.detail && cell.values && cell.values.length === count) hoverArray(picture, cell)
  }
  if (cell.values && cell.values.length > 0 && (!cell.heatmap || !place.detail) && !cell.image) {
    const shown = cell.values.map(formatNumber).join(', ')
    node.append(el('div', { class: 'code' }, `[${shown}${cell.values.length < count ? ', …' : ''}]`))
  }
  return node
}

/** Hover over a heat map: the element under the pointer and its value. */
function hoverArray(picture: HTMLElement, cell: ArrayCell): void {
  const [height = 1, width = 1] = cell.shape
  attachHover(picture, (event) => {
    const col = Math.floor((event.offsetX / picture.clientWidth) * width)
    const row = Math.floor((event.offsetY / picture.clientHeight) * height)
    const value = cell.values?.[row * width + col]
    return value === undefined ? [] : [`[${row}, ${col}] ${formatNumber(value)}`]
  })
}

function mediaNode(cell: MediaCell, place: CellPlace): HTMLElement {
  const node = el('div', {})
  if (cell.kind === 'video' && cell.src)
    node.append(
      el('video', { src: cell.src, controls: true, preload: 'metadata', muted: true, playsinline: true }),
    )
  if (cell.kind === 'video' && cell.poster)
    node.append(lazyPicture(cell.poster, 'first frame', 'heatmap', place.index))
  if (cell.kind === 'audio' && cell.src)
    node.append(el('audio', { src: cell.src, controls: true, preload: 'none' }))
  if (cell.waveform) {
    const canvas = el('canvas', { class: 'waveform' })
    node.append(canvas)
    const src = cell.waveform
    whenVisible(canvas, () => {
      void getJson<Waveform>(src).then(
        (wave) => drawWaveform(canvas, wave),
        (error: { json?: Parameters<typeof errorTile>[0] }) =>
          error.json && canvas.replaceWith(errorTile(error.json, place.index)),
      )
    })
  }
  const facts = [
    cell.shape ? formatShape(cell.shape) : '',
    ...Object.entries(cell.info ?? {}).map(([k, v]) => `${k} ${v}`),
  ]
  node.append(el('div', { class: 'stats' }, facts.filter(Boolean).join(' · ')))
  return node
}

/** A cell as a DOM node. */
export function renderCell(cell: Cell, place: CellPlace): HTMLElement {
  switch (cell.kind) {
    case 'error':
      return errorTile(cell.error, place.index)
    case 'empty':
      return el('span', { class: 'more' }, 'empty')
    case 'text':
      return textBlock(cell.text, cell.truncated, false)
    case 'json':
    case 'list':
      return textBlock(cell.text, cell.truncated, true)
    case 'class_label':
      return el(
        'div',
        { class: 'chips' },
        ...cell.labels.map((l) => chip(l.name ?? `#${l.id}`, toHex(classColor(l.id)), String(l.id))),
      )
    case 'embedding':
      return embeddingNode(cell, place)
    case 'array':
      return arrayNode(cell, place)
    case 'image':
      return lazyPicture(cell.src, `${place.tensor?.name ?? ''} ${place.index}`, 'heatmap', place.index)
    case 'segment_mask':
    case 'binary_mask':
      return lazyPicture(cell.src, 'mask', 'heatmap', place.index)
    case 'video':
    case 'audio':
      return mediaNode(cell, place)
    case 'sequence':
      return el(
        'div',
        {},
        el('div', { class: 'stats' }, `sequence of ${cell.length}`),
        el('div', { class: 'sequence' }, ...cell.items.map((item) => renderCell(item, place))),
      )
    case 'shape':
      return el('div', { class: 'stats' }, `${cell.htype} ${formatShape(cell.shape.flat() as number[])}`)
    case 'bbox':
      return geometryText(
        `${plural(cell.stored.length, 'box', 'boxes')} · ${cell.coords.type} ${cell.coords.mode}${cell.inferred ? ' (inferred)' : ''}`,
        cell.stored,
        place,
      )
    case 'bbox.3d':
      return geometryText(`${plural(cell.stored.length, 'box', 'boxes')} · ${cell.mode}`, cell.stored, place)
    case 'keypoints_coco':
      return geometryText(plural(cell.objects.length, 'object'), cell.objects, place)
    case 'polygon':
      return geometryText(plural(cell.polygons.length, 'polygon'), cell.polygons, place)
    case 'point':
      return geometryText(plural(cell.points.length, 'point'), cell.points, place)
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** Geometry outside a picture: a count, and in the sample view every value. */
function geometryText(summary: string, values: unknown, place: CellPlace): HTMLElement {
  return el(
    'div',
    {},
    el('div', { class: 'stats' }, summary),
    place.detail ? el('pre', { class: 'code' }, JSON.stringify(values)) : null,
  )
}
