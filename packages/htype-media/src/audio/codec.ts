import type { CodecImplementation, DecodeContext, NDArray } from '@shoal/core/plugin'
import { castTo } from '../cast.js'
import { mediaError, type SampleWhere } from '../errors.js'
import { resolveDecoder } from '../worker/modules.js'
import { runInWorker } from '../worker/pool.js'
import { type AudioHeader, audioInfo, audioShape } from './audio-info.js'
import { audioFullScale } from './full-scale.js'
import { type AudioFormat, probeAudio } from './probe.js'

interface DecodedAudio {
  sampleRate: number
  channels: Float32Array[]
}

/** The heavy half of an audio codec: header parsing now, audio-decode (in a worker) for PCM. */
export function audioCodec(format: AudioFormat): CodecImplementation {
  return {
    describeFile(bytes) {
      const header = probeAudio(format, bytes)
      return { shape: audioShape(header), info: audioInfo(header) }
    },
    decodeSample(bytes, context) {
      return decodeAudio(format, bytes, context)
    },
  }
}

async function decodeAudio(format: AudioFormat, bytes: Uint8Array, context: DecodeContext): Promise<NDArray> {
  const where: SampleWhere = { tensor: context.tensor, index: context.index }
  let header: ReturnType<typeof probeAudio>
  try {
    header = probeAudio(format, bytes)
  } catch (cause) {
    throw mediaError(
      'CORRUPT_CHUNK',
      where,
      `the stored ${format} file cannot be read (${(cause as Error).message})`,
      { cause },
    )
  }
  const module = resolveDecoder('audio-decode', '3.12.0', where)
  let decoded: DecodedAudio
  try {
    decoded = await runInWorker<DecodedAudio>({ kind: 'audio', module, bytes })
  } catch (cause) {
    throw mediaError(
      'CHUNK_CODEC',
      where,
      `audio-decode could not decode the ${format} file (${(cause as Error).message})`,
      { cause },
    )
  }
  const pcm = interleave(decoded.channels, header.samples, header.channels)
  toNativeScale(pcm, header, format)
  return castTo(context.dtype, audioShape(header), pcm)
}

/**
 * audio-decode gives integer PCM as floats in −1…1: wav divides positive values by 2^(bits−1) − 1
 * and negative ones by 2^(bits−1); flac divides both by 2^(bits−1) − 1. Python deeplake returns
 * what PyAV decodes, which keeps ffmpeg's sample format: the integers themselves, left-aligned in
 * 16 or 32 bits (24-bit audio as s32 = value × 256), 8-bit as unsigned 0…255. This recovers each
 * integer and places it the same way; float PCM and MP3 (float in both) are left as they are.
 */
function toNativeScale(pcm: Float32Array, header: AudioHeader, format: AudioFormat): void {
  const bits = header.bitsPerSample
  const full = audioFullScale(header.sampleFormat)
  if (bits === undefined || !full) return
  const positive = 2 ** (bits - 1) - 1
  const negative = format === 'flac' ? positive : positive + 1
  const shift = full.scale / 2 ** (bits - 1)
  for (let i = 0; i < pcm.length; i++) {
    const x = pcm[i]!
    pcm[i] = Math.round(x < 0 ? x * negative : x * positive) * shift + full.offset
  }
}

/**
 * Planar channels → (samples, channels) rows, fitted to the header's length. audio-decode returns
 * one channel for a stereo MP3 whose channels are identical; that channel fills every column.
 */
function interleave(planes: Float32Array[], samples: number, channels: number): Float32Array {
  const out = new Float32Array(samples * channels)
  if (planes.length === 0) return out
  for (let c = 0; c < channels; c++) {
    const plane = planes[Math.min(c, planes.length - 1)]!
    const n = Math.min(samples, plane.length)
    for (let s = 0; s < n; s++) out[s * channels + c] = plane[s]!
  }
  return out
}
