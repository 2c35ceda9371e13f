import { badFile } from '../errors.js'
import type { VideoHeader } from './video-info.js'

// Matroska element IDs (marker bits kept, as the spec writes them).
const EBML = 0x1a45dfa3
const SEGMENT = 0x18538067
const INFO = 0x1549a966
const TIMECODE_SCALE = 0x2ad7b1
const DURATION = 0x4489
const TRACKS = 0x1654ae6b
const TRACK_ENTRY = 0xae
const TRACK_NUMBER = 0xd7
const TRACK_TYPE = 0x83
const CODEC_ID = 0x86
const DEFAULT_DURATION = 0x23e383
const VIDEO = 0xe0
const PIXEL_WIDTH = 0xb0
const PIXEL_HEIGHT = 0xba
const CLUSTER = 0x1f43b675
const SIMPLE_BLOCK = 0xa3
const BLOCK_GROUP = 0xa0
const BLOCK = 0xa1

interface Element {
  id: number
  start: number
  end: number
}

/** Reads EBML elements between `start` and `end`; sizes past the end mean a truncated file. */
function* elements(b: Uint8Array, start: number, end: number): Generator<Element> {
  let at = start
  while (at < end) {
    const id = varint(b, at, true)
    const size = varint(b, at + id.length, false)
    const body = at + id.length + size.length
    const last = size.unknown ? end : body + size.value
    if (last > end) throw badFile('mkv', `an element at byte ${at} runs past the end (truncated file?)`)
    yield { id: id.value, start: body, end: last }
    at = last
  }
}

function varint(
  b: Uint8Array,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } {
  const first = b[at]
  if (first === undefined) throw badFile('mkv', 'unexpected end of file (truncated file?)')
  let length = 1
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++
  if (length > 8 || at + length > b.byteLength) throw badFile('mkv', `bad element header at byte ${at}`)
  let value = keepMarker ? first : first & (0xff >> length)
  let allOnes = value === 0xff >> length
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i]!
    if (b[at + i] !== 0xff) allOnes = false
  }
  return { value, length, unknown: !keepMarker && allOnes }
}

const uint = (b: Uint8Array, e: Element) => {
  let v = 0
  for (let i = e.start; i < e.end; i++) v = v * 256 + b[i]!
  return v
}
const float = (b: Uint8Array, e: Element) => {
  const view = new DataView(b.buffer, b.byteOffset + e.start, e.end - e.start)
  return e.end - e.start === 4 ? view.getFloat32(0) : view.getFloat64(0)
}
const text = (b: Uint8Array, e: Element) =>
  new TextDecoder().decode(b.subarray(e.start, e.end)).replace(/\0+$/, '')

/** Reads a Matroska file's segment info and first video track (no frame is decoded). */
export function probeMkv(bytes: Uint8Array): VideoHeader {
  const top = [...elements(bytes, 0, bytes.byteLength)]
  if (top[0]?.id !== EBML) throw badFile('mkv', 'no EBML header')
  const segment = top.find((e) => e.id === SEGMENT)
  if (!segment) throw badFile('mkv', 'no Segment')
  let scale = 1_000_000
  let duration: number | undefined
  let track:
    | { number: number; codec: string; width: number; height: number; defaultDuration?: number }
    | undefined
  let blocks = 0
  for (const e of elements(bytes, segment.start, segment.end)) {
    if (e.id === INFO) {
      for (const f of elements(bytes, e.start, e.end)) {
        if (f.id === TIMECODE_SCALE) scale = uint(bytes, f)
        else if (f.id === DURATION) duration = float(bytes, f)
      }
    } else if (e.id === TRACKS && !track) {
      for (const entry of elements(bytes, e.start, e.end)) {
        if (entry.id !== TRACK_ENTRY) continue
        const t = {
          number: 0,
          type: 0,
          codec: '',
          width: 0,
          height: 0,
          defaultDuration: undefined as number | undefined,
        }
        for (const f of elements(bytes, entry.start, entry.end)) {
          if (f.id === TRACK_NUMBER) t.number = uint(bytes, f)
          else if (f.id === TRACK_TYPE) t.type = uint(bytes, f)
          else if (f.id === CODEC_ID) t.codec = text(bytes, f)
          else if (f.id === DEFAULT_DURATION) t.defaultDuration = uint(bytes, f)
          else if (f.id === VIDEO) {
            for (const v of elements(bytes, f.start, f.end)) {
              if (v.id === PIXEL_WIDTH) t.width = uint(bytes, v)
              else if (v.id === PIXEL_HEIGHT) t.height = uint(bytes, v)
            }
          }
        }
        if (t.type === 1) {
          const { type: _, defaultDuration, ...rest } = t
          track = defaultDuration ? { ...rest, defaultDuration } : rest
          break
        }
      }
    } else if (e.id === CLUSTER && track) {
      blocks += countBlocks(bytes, e, track.number)
    }
  }
  if (!track) throw badFile('mkv', 'it has no video track')
  if (duration === undefined) throw badFile('mkv', 'its segment has no duration')
  const micros = Math.round((duration * scale) / 1000)
  const fps = track.defaultDuration ? 1e9 / track.defaultDuration : micros > 0 ? (blocks * 1e6) / micros : 0
  // Python: a Matroska stream reports no frame count, so frames = floor(fps · duration).
  const frames = track.defaultDuration ? Math.floor(fps * micros * 1e-6 + 1e-9) : blocks
  return {
    frames,
    height: track.height,
    width: track.width,
    duration: micros,
    timebase: 1e-6,
    fps,
    codec: track.codec,
  }
}

function countBlocks(bytes: Uint8Array, cluster: Element, trackNumber: number): number {
  let count = 0
  const isTrack = (at: number) => varint(bytes, at, false).value === trackNumber
  for (const e of elements(bytes, cluster.start, cluster.end)) {
    if (e.id === SIMPLE_BLOCK && isTrack(e.start)) count++
    else if (e.id === BLOCK_GROUP) {
      for (const f of elements(bytes, e.start, e.end)) if (f.id === BLOCK && isTrack(f.start)) count++
    }
  }
  return count
}
