import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ffmpeg } from './ffmpeg.js'

/** Runs ffmpeg writing to a temporary file (MP4 and FLAC need a seekable output) and returns its bytes. */
function encodeToFile(args: string[], extension: string, input?: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'shoal-media-test-'))
  try {
    const out = join(dir, `out.${extension}`)
    ffmpeg([...args, '-y', out], input)
    return new Uint8Array(readFileSync(out))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface VideoSpec {
  frames: number
  width: number
  height: number
  fps?: number
}

/** A short testsrc clip: mp4/mkv as H.264, avi as MPEG-4 part 2. */
export function makeVideo(format: 'mp4' | 'mkv' | 'avi', spec: VideoSpec): Uint8Array {
  const codec =
    format === 'avi' ? ['-c:v', 'mpeg4', '-q:v', '2'] : ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '4']
  return encodeToFile(
    [
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=${spec.width}x${spec.height}:rate=${spec.fps ?? 10}`,
      '-frames:v',
      String(spec.frames),
      ...codec,
    ],
    format,
  )
}

/** Every frame of a video as rgb24, decoded by ffmpeg directly (the reference decoder). */
export function referenceFrames(bytes: Uint8Array, format: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'shoal-media-test-'))
  try {
    const input = join(dir, `in.${format}`)
    writeFileSync(input, bytes)
    return ffmpeg(['-i', input, '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A sine tone: `seconds` long, `channels` channels (the right one an octave up, so channels
 * differ, unless `identical`: then one tone in both channels).
 */
export function makeAudio(
  format: 'mp3' | 'wav' | 'flac',
  options: { rate: number; seconds: number; channels: 1 | 2; identical?: boolean },
) {
  const left = `sine=frequency=440:sample_rate=${options.rate}:duration=${options.seconds}`
  const right = `sine=frequency=880:sample_rate=${options.rate}:duration=${options.seconds}`
  const inputs =
    options.channels === 2 && !options.identical
      ? ['-f', 'lavfi', '-i', left, '-f', 'lavfi', '-i', right, '-filter_complex', 'amerge=inputs=2']
      : ['-f', 'lavfi', '-i', left]
  const codec =
    format === 'mp3'
      ? ['-c:a', 'libmp3lame', '-b:a', '64k']
      : format === 'wav'
        ? ['-c:a', 'pcm_s16le']
        : ['-c:a', 'flac']
  const layout = options.identical ? ['-ac', '2'] : []
  return encodeToFile([...inputs, ...layout, ...codec], format)
}

/**
 * Full scale of the sample format PyAV (and so Python deeplake) decodes the files of
 * {@link makeAudio} to: 16-bit PCM for wav and flac, float for mp3.
 */
export const PYAV_SCALE = { wav: 32768, flac: 32768, mp3: 1 } as const

/** PCM of an audio file as interleaved float32 in −1…1, decoded by ffmpeg (the reference decoder). */
export function referencePcm(bytes: Uint8Array, format: string): Float32Array {
  const dir = mkdtempSync(join(tmpdir(), 'shoal-media-test-'))
  try {
    const input = join(dir, `in.${format}`)
    writeFileSync(input, bytes)
    const out = ffmpeg(['-i', input, '-f', 'f32le', 'pipe:1'])
    return new Float32Array(out.buffer, out.byteOffset, out.byteLength / 4)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A mono sine tone as integer PCM with the given ffmpeg codec (`pcm_u8`, `pcm_s24le`, `flac`
 * with `-sample_fmt s32` for 24 bits, …), at a loud level so the largest values are exercised.
 */
export function makePcmTone(format: 'wav' | 'flac', codecArgs: string[]): Uint8Array {
  return encodeToFile(
    [
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=300:sample_rate=8000:duration=0.25',
      '-af',
      'volume=7.9',
      ...codecArgs,
    ],
    format,
  )
}

/** The file's samples in ffmpeg's native decoded format (`u8`, `s16le`, `s32le`), as numbers. */
export function nativePcm(bytes: Uint8Array, format: string, as: 'u8' | 's16le' | 's32le'): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'shoal-media-test-'))
  try {
    const input = join(dir, `in.${format}`)
    writeFileSync(input, bytes)
    const out = ffmpeg(['-i', input, '-f', as, 'pipe:1'])
    const copy = out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength)
    if (as === 'u8') return [...new Uint8Array(copy)]
    return as === 's16le' ? [...new Int16Array(copy)] : [...new Int32Array(copy)]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
