/**
 * Picture routes: images (stored bytes as they are when the browser can show them, else decoded
 * and sent as PNG), masks painted to PNG with their JSON, and heat maps of 2-D arrays.
 */
import type { NDArray } from '@shoal/core'
import { IMAGE_HTYPES } from '../../shared/htypes.js'
import type { CatalogEntry } from '../catalog.js'
import { heatmapSize, looksLikeImage } from '../cells/values.js'
import type { CachedMask, Handler, ServerContext } from '../context.js'
import { badRequest, HttpError } from '../http-error.js'
import { arrayToPixels, heatmapPixels } from '../pictures/arrays.js'
import { paintBinaryMask, paintSegmentMask } from '../pictures/masks.js'
import { browserImageType } from '../pictures/passthrough.js'
import { encodePng } from '../pictures/png.js'
import { notModified, sendBody, sendJson } from '../respond.js'
import { etagOf, readTarget, readTargetValue, type Target } from './target.js'

const isRawVideo = (entry: CatalogEntry) =>
  entry.summary.baseHtype === 'video' && entry.tensor.meta.sampleCompression === null

/** Plain uint8 (H, W, 3|4) arrays are pictures too; which ones is decided per sample. */
const mayBeImageArray = (entry: CatalogEntry) =>
  entry.summary.dtype === 'uint8' &&
  !entry.summary.isLink &&
  ['generic', 'instance_label'].includes(entry.summary.baseHtype)

const servesImage = (entry: CatalogEntry) =>
  IMAGE_HTYPES.has(entry.summary.baseHtype) || isRawVideo(entry) || mayBeImageArray(entry)

/** Stored bytes a browser shows as they are, when the sample has a file of its own. */
async function storedImage(target: Target): Promise<{ type: string; bytes: Uint8Array } | undefined> {
  const { tensor, summary } = target.entry
  if (summary.isSequence || summary.isLink || tensor.meta.sampleCompression === null) return undefined
  if (!IMAGE_HTYPES.has(summary.baseHtype)) return undefined
  const bytes = await tensor.getBytes(target.index)
  const type = browserImageType(bytes)
  return type ? { type, bytes } : undefined
}

/** 415 for a sample that cannot be shown as asked ("not an array", "not a picture"). */
function notShowable(target: Target, what: string): HttpError {
  const tensor = target.entry.tensor.name
  return new HttpError(415, 'UNSUPPORTED', `sample ${target.index} of "${tensor}" is ${what}`, {
    tensor,
    index: target.index,
  })
}

function asArray(value: unknown, target: Target): NDArray {
  if (value && typeof value === 'object' && 'shape' in value && 'data' in value) return value as NDArray
  throw notShowable(target, 'not an array')
}

/**
 * `GET /api/image?tensor&index[&item][&decode=1]` — `decode=1` decodes even a file the browser
 * could show: the page asks for it when the browser failed to, so a damaged file is reported
 * as the typed error of the server's decoder, naming the sample.
 */
export const imageRoute: Handler = async (req, res, url, context) => {
  const decode = url.searchParams.get('decode')
  if ((decode !== null && decode !== '1') || url.searchParams.getAll('decode').length > 1)
    throw badRequest('parameter "decode" can only be given once, as 1')
  url.searchParams.delete('decode')
  const target = readTarget(url, context, 'picture', servesImage, true)
  if (notModified(req, res, etagOf(context, decode ? 'image-decoded' : 'image', target))) return
  const stored = decode ? undefined : await storedImage(target)
  if (stored) return sendBody(req, res, 200, stored.type, stored.bytes)
  const value = asArray(await readTargetValue(target), target)
  const frames = isRawVideo(target.entry)
  if (mayBeImageArray(target.entry) && !looksLikeImage(value.dtype, value.shape))
    throw notShowable(target, 'not a picture')
  sendBody(req, res, 200, 'image/png', await encodePng(arrayToPixels(value, frames)))
}

/** `GET /api/heatmap.png?tensor&index[&item]` */
export const heatmapRoute: Handler = async (req, res, url, context) => {
  const numeric = (entry: CatalogEntry) =>
    !IMAGE_HTYPES.has(entry.summary.baseHtype) && !entry.summary.isLink && entry.summary.dtype !== null
  const target = readTarget(url, context, 'heat map', numeric, true)
  if (notModified(req, res, etagOf(context, 'heatmap', target))) return
  const value = asArray(await readTargetValue(target), target)
  const size = heatmapSize(value.shape)
  if (!size) throw notShowable(target, 'not 2-D')
  sendBody(req, res, 200, 'image/png', await encodePng(heatmapPixels(value, size.height, size.width)))
}

const isMask = (entry: CatalogEntry) =>
  !entry.summary.isSequence &&
  (entry.summary.baseHtype === 'segment_mask' || entry.summary.baseHtype === 'binary_mask')

/** A mask painted once for both its PNG and its JSON (the page asks for both). */
async function paintedMask(target: Target, context: ServerContext): Promise<CachedMask> {
  const { tensor, summary } = target.entry
  return context.masks.getOrLoad(`${tensor.name}\0${target.index}`, async () => {
    const value = asArray(await tensor.get(target.index), target)
    const painted =
      summary.baseHtype === 'binary_mask'
        ? paintBinaryMask(value)
        : paintSegmentMask(value, summary.classNames)
    const png = await encodePng(painted.pixels)
    return { value: { png, info: painted.info }, bytes: png.byteLength + 1024 }
  })
}

/** `GET /api/mask.png?tensor&index` */
export const maskPngRoute: Handler = async (req, res, url, context) => {
  const target = readTarget(url, context, 'mask', isMask)
  if (notModified(req, res, etagOf(context, 'mask.png', target))) return
  sendBody(req, res, 200, 'image/png', (await paintedMask(target, context)).png)
}

/** `GET /api/mask?tensor&index` — classes present (segment) or objects and extents (binary). */
export const maskInfoRoute: Handler = async (req, res, url, context) => {
  const target = readTarget(url, context, 'mask', isMask)
  if (notModified(req, res, etagOf(context, 'mask', target))) return
  sendJson(req, res, 200, (await paintedMask(target, context)).info)
}
