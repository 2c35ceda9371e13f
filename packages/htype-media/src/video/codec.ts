import type { CodecImplementation, DecodeContext, NDArray } from '@shoal/core/plugin'
import { castTo } from '../cast.js'
import { mediaError, type SampleWhere } from '../errors.js'
import { locateFfmpeg } from '../ffmpeg/locate.js'
import { DEFAULT_TIMEOUT_MS, runFfmpeg } from '../ffmpeg/run.js'
import { type FrameRange, parseFrameRange, rangeLength } from './frame-range.js'
import { probeVideo, type VideoFormat } from './probe.js'
import { videoInfo, videoShape } from './video-info.js'

/** Options `tensor.get(i, options)` understands for video samples. */
export interface VideoDecodeOptions {
  /** `[start, end, step]`: decode only these frames (end exclusive). */
  readonly frames?: readonly [number, number?, number?] | number
  /** Abort the decode (the ffmpeg process is killed). */
  readonly signal?: AbortSignal
  /** Kill ffmpeg after this many milliseconds (default 120 000). */
  readonly timeoutMs?: number
}

/** The heavy half of a video codec: container parsing now, ffmpeg when frames are decoded. */
export function videoCodec(format: VideoFormat): CodecImplementation {
  return {
    async describeFile(bytes) {
      const header = await probeVideo(format, bytes)
      return { shape: videoShape(header), info: videoInfo(header) }
    },
    async decodeSample(bytes, context) {
      return decodeVideo(format, bytes, context)
    },
  }
}

async function decodeVideo(format: VideoFormat, bytes: Uint8Array, context: DecodeContext): Promise<NDArray> {
  const where: SampleWhere = { tensor: context.tensor, index: context.index }
  let header: Awaited<ReturnType<typeof probeVideo>>
  try {
    header = await probeVideo(format, bytes)
  } catch (cause) {
    throw mediaError(
      'CORRUPT_CHUNK',
      where,
      `the stored ${format} file cannot be read (${(cause as Error).message})`,
      { cause },
    )
  }
  const options = (context.options ?? {}) as VideoDecodeOptions
  const range = parseFrameRange(options.frames, header.frames, where)
  const binary = locateFfmpeg(where)
  const count = rangeLength(range)
  const frameBytes = header.height * header.width * 3
  let out: Uint8Array
  try {
    out = await runFfmpeg({
      binary,
      input: bytes,
      extension: format,
      args: ffmpegArgs(range, count),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: options.signal,
    })
  } catch (cause) {
    throw mediaError(
      'CHUNK_CODEC',
      where,
      `ffmpeg could not decode the ${format} file (${(cause as Error).message})`,
      { cause },
    )
  }
  // The container's frame count is the stored shape; like Deep Lake, missing frames stay zero.
  const pixels = new Uint8Array(count * frameBytes)
  pixels.set(out.subarray(0, Math.min(out.byteLength, pixels.byteLength)))
  return castTo(context.dtype, [count, header.height, header.width, 3], pixels)
}

/** rgb24 frames on stdout; a select filter keeps only the range, and ffmpeg stops after its last frame. */
function ffmpegArgs(range: FrameRange, count: number): string[] {
  const filter = `select=gte(n\\,${range.start})*lt(n\\,${range.end})*not(mod(n-${range.start}\\,${range.step}))`
  return [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    // One decoder thread per process: the limiter already runs one process per core.
    '-threads',
    '1',
    '-i',
    '{input}',
    '-an',
    '-sn',
    '-vf',
    filter,
    '-vsync',
    '0',
    '-frames:v',
    String(count),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ]
}
