/** Small canvas charts: an embedding's sparkline and heat strip, and an audio waveform. */
import type { EmbeddingCell, Waveform } from '../shared/protocol.js'
import { formatNumber } from './dom.js'
import { attachHover } from './hover.js'

function sizedCanvas(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  const unit = window.devicePixelRatio || 1
  canvas.width = Math.max(1, Math.round((canvas.clientWidth || 240) * unit))
  canvas.height = Math.max(1, Math.round((canvas.clientHeight || 36) * unit))
  return canvas.getContext('2d')
}

/** Draws an embedding as a line over its values, with a zero line when the range crosses it. */
export function drawSparkline(canvas: HTMLCanvasElement, cell: EmbeddingCell): void {
  const ctx = sizedCanvas(canvas)
  if (!ctx || cell.values.length === 0) return
  const { width, height } = canvas
  const low = Math.min(...cell.values)
  const high = Math.max(...cell.values)
  const span = high - low || 1
  const y = (v: number) => height - 2 - ((v - low) / span) * (height - 4)
  if (low < 0 && high > 0) {
    ctx.strokeStyle = '#2a3540'
    ctx.beginPath()
    ctx.moveTo(0, y(0))
    ctx.lineTo(width, y(0))
    ctx.stroke()
  }
  ctx.strokeStyle = '#5fd3c6'
  ctx.lineWidth = Math.max(1, (window.devicePixelRatio || 1) * 1.2)
  ctx.beginPath()
  cell.values.forEach((v, i) => {
    const x = cell.values.length === 1 ? width / 2 : (i / (cell.values.length - 1)) * width
    if (i === 0) ctx.moveTo(x, y(v))
    else ctx.lineTo(x, y(v))
  })
  ctx.stroke()
}

/** Draws an embedding as a strip of cells, blue for negative and orange for positive values. */
export function drawHeatStrip(canvas: HTMLCanvasElement, cell: EmbeddingCell): void {
  const ctx = sizedCanvas(canvas)
  if (!ctx || cell.values.length === 0) return
  const reach = Math.max(Math.abs(cell.min), Math.abs(cell.max)) || 1
  const w = canvas.width / cell.values.length
  cell.values.forEach((v, i) => {
    const t = Math.min(1, Math.abs(v) / reach)
    ctx.fillStyle = v < 0 ? `rgba(80, 150, 255, ${t})` : `rgba(255, 160, 60, ${t})`
    ctx.fillRect(i * w, 0, Math.ceil(w), canvas.height)
  })
}

/** Hover over an embedding chart: which element (or bucket) and its value. */
export function hoverEmbedding(canvas: HTMLCanvasElement, cell: EmbeddingCell): void {
  attachHover(canvas, (event) => {
    const i = Math.min(
      cell.values.length - 1,
      Math.floor((event.offsetX / canvas.clientWidth) * cell.values.length),
    )
    const value = cell.values[i]
    if (value === undefined) return []
    const what =
      cell.bucket === 1
        ? `[${i}]`
        : `[${i * cell.bucket}…${Math.min(cell.length, (i + 1) * cell.bucket) - 1}] mean`
    return [`${what} ${formatNumber(value)}`]
  })
}

/** Draws a waveform: per bucket a vertical bar from its lowest to its highest sample. */
export function drawWaveform(canvas: HTMLCanvasElement, wave: Waveform): void {
  const ctx = sizedCanvas(canvas)
  if (!ctx || wave.min.length === 0) return
  const { width, height } = canvas
  const reach = Math.max(1e-9, ...wave.max.map(Math.abs), ...wave.min.map(Math.abs))
  const y = (v: number) => height / 2 - (v / reach) * (height / 2 - 1)
  ctx.fillStyle = '#5fd3c6'
  const w = width / wave.min.length
  wave.min.forEach((low, i) => {
    const top = y(wave.max[i] ?? low)
    ctx.fillRect(i * w, top, Math.max(1, Math.ceil(w)), Math.max(1, y(low) - top))
  })
}
