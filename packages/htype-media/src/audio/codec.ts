import type { CodecImplementation, DecodeContext, NDArray } from '@shoal/core/plugin'
import { castTo } from '../cast.js'
import { mediaError, type SampleWhere } from '../errors.js'
import { resolveDecoder } from '../worker/modules.js'
import { runInWorker } from '../worker/pool.js'
import { audioInfo, audioShape } from './audio-info.js'
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
  return castTo(
    context.dtype,
    audioShape(header),
    interleave(decoded.channels, header.samples, header.channels),
  )
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
