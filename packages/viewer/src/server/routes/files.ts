/** Stored files (for the browser's video and audio players, with byte ranges) and audio waveforms. */
import type { NDArray } from '@shoal/core'
import { audioFullScale } from '@shoal/htype-media'
import type { Waveform } from '../../shared/protocol.js'
import { parseByteRange } from '../byte-range.js'
import type { CatalogEntry } from '../catalog.js'
import type { Handler } from '../context.js'
import { HttpError } from '../http-error.js'
import { mimeOf } from '../mime.js'
import { numberAt } from '../numbers.js'
import { notModified, sendBody, sendJson } from '../respond.js'
import { etagOf, readTarget } from './target.js'

const hasFile = (entry: CatalogEntry) =>
  !entry.summary.isSequence && !entry.summary.isLink && entry.tensor.meta.sampleCompression !== null

/**
 * `GET /api/file?tensor&index` — the stored file as it is, with `Range` support so a video can
 * seek. Files of htypes a browser does not play are sent as attachments.
 */
export const fileRoute: Handler = async (req, res, url, context) => {
  const target = readTarget(url, context, 'stored file', hasFile)
  const { tensor, summary } = target.entry
  res.setHeader('Accept-Ranges', 'bytes')
  if (notModified(req, res, etagOf(context, 'file', target))) return
  const bytes = await context.files.getOrLoad(`${tensor.name}\0${target.index}`, async () => {
    const stored = await tensor.getBytes(target.index)
    return { value: stored, bytes: stored.byteLength }
  })
  const type = mimeOf(tensor.meta.sampleCompression)
  const playable = summary.baseHtype === 'video' || summary.baseHtype === 'audio'
  const headers: Record<string, string> = playable ? {} : { 'Content-Disposition': 'attachment' }
  const range = parseByteRange(req.headers.range, bytes.byteLength)
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${bytes.byteLength}`)
    throw new HttpError(416, 'RANGE_NOT_SATISFIABLE', `the file has ${bytes.byteLength} bytes`, {
      tensor: tensor.name,
      index: target.index,
    })
  }
  if (range === undefined) return sendBody(req, res, 200, type, bytes, headers)
  headers['Content-Range'] = `bytes ${range.start}-${range.end}/${bytes.byteLength}`
  sendBody(req, res, 206, type, bytes.subarray(range.start, range.end + 1), headers)
}

/** Buckets a waveform is drawn with: enough for a wide screen, small as JSON. */
const BUCKETS = 800

/** `GET /api/waveform?tensor&index` — per bucket, the lowest and highest sample over all channels. */
export const waveformRoute: Handler = async (req, res, url, context) => {
  const target = readTarget(
    url,
    context,
    'waveform',
    (e) => e.summary.baseHtype === 'audio' && !e.summary.isSequence,
  )
  if (notModified(req, res, etagOf(context, 'waveform', target))) return
  const pcm = (await target.entry.tensor.get(target.index)) as NDArray
  const info = await target.entry.tensor.sampleInfo(target.index).catch(() => ({}) as Record<string, unknown>)
  // Audio decodes at its file's own scale (int16 values for 16-bit PCM, as Python reads it):
  // the waveform is drawn relative to that format's full scale, −1…1.
  const format = typeof info.sample_format === 'string' ? info.sample_format : ''
  const { offset, scale } = audioFullScale(format) ?? { offset: 0, scale: 1 }
  const samples = pcm.shape[0] ?? 0
  const channels = pcm.shape.length > 1 ? (pcm.shape[1] ?? 1) : 1
  const buckets = Math.min(BUCKETS, samples)
  const min: number[] = []
  const max: number[] = []
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * samples) / buckets)
    const to = Math.max(from + 1, Math.floor(((b + 1) * samples) / buckets))
    let low = Number.POSITIVE_INFINITY
    let high = Number.NEGATIVE_INFINITY
    for (let i = from * channels; i < to * channels; i++) {
      const v = (numberAt(pcm, i) - offset) / scale
      if (v < low) low = v
      if (v > high) high = v
    }
    min.push(Number(low.toFixed(4)))
    max.push(Number(high.toFixed(4)))
  }
  const rate = info.sample_rate
  const waveform: Waveform = {
    samples,
    channels,
    ...(typeof rate === 'number' ? { sampleRate: rate } : {}),
    min,
    max,
  }
  sendJson(req, res, 200, waveform)
}
