import { badFile } from '../errors.js'
import type { AudioHeader } from './audio-info.js'
import { id3Size } from './probe-flac.js'

const BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
const RATES = [44100, 48000, 32000]

interface Frame {
  length: number
  samples: number
  rate: number
  channels: number
  mpeg1: boolean
}

/** Parses the 4-byte MPEG audio frame header at `at`; undefined when there is none. */
function frameAt(b: Uint8Array, at: number): Frame | undefined {
  if (at + 4 > b.byteLength || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return undefined
  const version = (b[at + 1]! >> 3) & 3 // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
  const layer = 4 - ((b[at + 1]! >> 1) & 3) // 1, 2 or 3
  const bitrateIndex = b[at + 2]! >> 4
  const rateIndex = (b[at + 2]! >> 2) & 3
  if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return undefined
  const mpeg1 = version === 3
  const rate = RATES[rateIndex]! / (mpeg1 ? 1 : version === 2 ? 2 : 4)
  const bitrate = BITRATES[`${mpeg1 ? 1 : 2}-${layer}`]![bitrateIndex]! * 1000
  const padding = (b[at + 2]! >> 1) & 1
  const samples = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152
  const length =
    layer === 1
      ? (Math.floor((12 * bitrate) / rate) + padding) * 4
      : Math.floor(((samples / 8) * bitrate) / rate) + padding
  return { length, samples, rate, channels: b[at + 3]! >> 6 === 3 ? 1 : 2, mpeg1 }
}

/** Reads an MP3's frame headers (and its Xing/LAME tag for gapless length); no audio is decoded. */
export function probeMp3(bytes: Uint8Array): AudioHeader {
  let at = bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33 ? id3Size(bytes) : 0
  const first = frameAt(bytes, at)
  if (!first) throw badFile('mp3', 'no MPEG audio frame header at the start of the audio')
  let frames = 0
  let delay = 0
  let padding = 0
  const xing = xingAt(bytes, at, first)
  if (xing) {
    delay = xing.delay
    padding = xing.padding
    at += first.length // the tag frame holds no audio
  }
  while (at < bytes.byteLength) {
    const frame = frameAt(bytes, at)
    if (!frame) {
      if (isTrailer(bytes, at)) break
      throw badFile('mp3', `no frame header at byte ${at}`)
    }
    if (at + frame.length > bytes.byteLength)
      throw badFile(
        'mp3',
        `the frame at byte ${at} needs ${frame.length} bytes, ${bytes.byteLength - at} remain (truncated file?)`,
      )
    frames++
    at += frame.length
  }
  if (xing?.frames !== undefined && frames < xing.frames)
    throw badFile(
      'mp3',
      `the Xing header promises ${xing.frames} frames, the file has ${frames} (truncated file?)`,
    )
  if (frames === 0) throw badFile('mp3', 'no audio frames')
  const samples = Math.max(0, frames * first.samples - delay - padding)
  return {
    samples,
    channels: first.channels,
    sampleRate: first.rate,
    duration: samples,
    timeBase: 1 / first.rate,
    frameSize: first.samples,
    sampleFormat: 'fltp',
  }
}

/** ID3v1 ("TAG") or APE tags may follow the last frame. */
function isTrailer(b: Uint8Array, at: number): boolean {
  const tag = String.fromCharCode(...b.subarray(at, at + 8))
  return tag.startsWith('TAG') || tag === 'APETAGEX' || b.byteLength - at < 4
}

/** The Xing/Info tag of the first frame: frame count, and the LAME encoder delay and padding. */
function xingAt(
  b: Uint8Array,
  at: number,
  frame: Frame,
): { frames?: number; delay: number; padding: number } | undefined {
  const side = frame.mpeg1 ? (frame.channels === 1 ? 17 : 32) : frame.channels === 1 ? 9 : 17
  const x = at + 4 + side
  const id = String.fromCharCode(...b.subarray(x, x + 4))
  if (id !== 'Xing' && id !== 'Info') return undefined
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const flags = view.getUint32(x + 4)
  let field = x + 8
  let frames: number | undefined
  if (flags & 1) {
    frames = view.getUint32(field)
    field += 4
  }
  if (flags & 2) field += 4
  if (flags & 4) field += 100
  if (flags & 8) field += 4
  let delay = 0
  let padding = 0
  if (
    field + 24 <= b.byteLength &&
    /^(LAME|Lavc|Lavf)/.test(String.fromCharCode(...b.subarray(field, field + 4)))
  ) {
    const d = field + 21
    delay = (b[d]! << 4) | (b[d + 1]! >> 4)
    padding = ((b[d + 1]! & 0x0f) << 8) | b[d + 2]!
  }
  return { ...(frames !== undefined ? { frames } : {}), delay, padding }
}
