/**
 * Cells of pictures, masks, videos, audio and other files: URLs the page loads lazily, plus the
 * stored shape. Nothing is decoded here, so a page of them costs only metadata reads.
 */
import type { ImageCell, MaskCell, MediaCell, ShapeCell } from '../../shared/protocol.js'
import { mimeOf } from '../mime.js'
import { sampleUrl } from '../urls.js'
import type { CellContext } from './context.js'

/** The stored shape of the sample, or undefined when even that cannot be read cheaply. */
async function shapeOf(context: CellContext): Promise<number[] | undefined> {
  try {
    const shape = await context.entry.tensor.sampleShape(context.index)
    const flat = context.item === undefined ? shape : (shape as number[][])[context.item]
    return Array.isArray(flat) && flat.every((d) => typeof d === 'number') ? (flat as number[]) : undefined
  } catch {
    // The picture's own request reports a broken sample; its size is only a layout hint.
    return undefined
  }
}

function size(shape: number[] | undefined, offset = 0): { width?: number; height?: number } {
  const height = shape?.[offset]
  const width = shape?.[offset + 1]
  return height && width ? { width, height } : {}
}

/** An image (or an image link) to load from `/api/image`. */
export async function imageCell(context: CellContext): Promise<ImageCell> {
  const { entry, index, item } = context
  return {
    kind: 'image',
    src: sampleUrl('image', entry.tensor.name, index, item),
    ...size(await shapeOf(context)),
  }
}

/** A segment or binary mask, painted to PNG by `/api/mask.png`. */
export async function maskCell(kind: MaskCell['kind'], context: CellContext): Promise<MaskCell> {
  const { entry, index } = context
  return {
    kind,
    src: sampleUrl('mask.png', entry.tensor.name, index),
    info: sampleUrl('mask', entry.tensor.name, index),
    ...size(await shapeOf(context)),
  }
}

/** A few readable entries of a sample's stored info (fps, duration, sample rate, codec). */
async function mediaInfo(context: CellContext): Promise<Record<string, string | number>> {
  if (!context.detail) return {}
  try {
    const info = await context.entry.tensor.sampleInfo(context.index)
    const out: Record<string, string | number> = {}
    for (const key of [
      'format',
      'filename',
      'fps',
      'codec',
      'sample_rate',
      'nchannels',
      'duration',
      'timebase',
    ]) {
      const v = info[key]
      if ((typeof v === 'string' && v !== '') || typeof v === 'number') out[key] = v
    }
    return out
  } catch {
    return {}
  }
}

/** A video or audio sample: the stored file for the browser's player, or a poster for raw frames. */
export async function mediaCell(kind: 'video' | 'audio', context: CellContext): Promise<MediaCell> {
  const { entry, index } = context
  const compression = entry.tensor.meta.sampleCompression
  const shape = await shapeOf(context)
  const info = await mediaInfo(context)
  const stored = compression !== null && !entry.tensor.meta.isLink
  return {
    kind,
    ...(stored ? { src: sampleUrl('file', entry.tensor.name, index), mime: mimeOf(compression) } : {}),
    ...(shape ? { shape } : {}),
    ...(kind === 'audio' ? { waveform: sampleUrl('waveform', entry.tensor.name, index) } : {}),
    ...(kind === 'video' && !stored ? { poster: sampleUrl('image', entry.tensor.name, index) } : {}),
    ...(Object.keys(info).length ? { info } : {}),
  }
}

/** Volumes, scans, point clouds and meshes: their stored shape (decoding them is not a summary). */
export async function shapeCell(context: CellContext): Promise<ShapeCell> {
  const shape = await context.entry.tensor.sampleShape(context.index)
  return { kind: 'shape', htype: context.entry.summary.htype, shape }
}
