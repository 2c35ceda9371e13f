/**
 * B12: scan + decode of short videos. Shoal's `getRange` keeps several ffmpeg decodes in flight
 * (at most one per core); the baseline is ffmpeg decoding the same files one after another on its
 * own, as the issue asks. Both produce rgb24 frames; the JSON line also reports how busy each core
 * was during the Shoal scan.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { createDataset, type NDArray, openDataset, read } from '@shoal/core'
import type { ArmResult, BenchCase } from '../case.js'
import { now, secondsSince } from '../measure.js'

const WIDTH = 320
const HEIGHT = 240
const FRAME_BYTES = WIDTH * HEIGHT * 3

let ffmpegPath: string | undefined
let stored: { dataset: string; files: string[]; frames: number } | undefined

function ffmpeg(args: string[]): Buffer {
  const run = spawnSync(ffmpegPath!, ['-nostdin', '-hide_banner', '-v', 'error', ...args], {
    maxBuffer: 1024 * 1024 * 1024,
  })
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr?.toString()}`)
  return run.stdout
}

/** Busy share (%) of each core between two `os.cpus()` readings. */
function busyPercent(before: ReturnType<typeof cpus>, after: ReturnType<typeof cpus>): string {
  return after
    .map((a, i) => {
      const b = before[i]!.times
      const busy = a.times.user + a.times.nice + a.times.sys + a.times.irq - (b.user + b.nice + b.sys + b.irq)
      const idle = a.times.idle - b.idle
      return Math.round((100 * busy) / Math.max(1, busy + idle))
    })
    .join('/')
}

function result(seconds: number, extra: Record<string, string | number>): ArmResult {
  const frames = stored!.frames
  return { n: frames, bytes: frames * FRAME_BYTES, seconds, extra }
}

/** The B12 case. */
export const b12VideoScan: BenchCase = {
  id: 'B12',
  group: 'B12',
  title: 'scan + decode of short mp4 videos (frames)',
  async setup({ workspace, profile }) {
    try {
      ffmpegPath = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path
      // A variable specifier keeps the media package (and its decoders' types) out of this typecheck.
      const media = '@shoal/htype-media/register'
      await import(media)
    } catch {
      return { skip: 'needs @shoal/htype-media and @ffmpeg-installer/ffmpeg' }
    }
    stored = await workspace.fixture('videos', async (dir) => {
      mkdirSync(dir, { recursive: true })
      const files: string[] = []
      for (let i = 0; i < profile.videos; i++) {
        const path = join(dir, `clip-${i}.mp4`)
        ffmpeg([
          ...['-f', 'lavfi', '-i', `testsrc=size=${WIDTH}x${HEIGHT}:rate=${24 + (i % 7)}`],
          ...['-frames:v', String(profile.videoFrames), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-y', path],
        ])
        files.push(path)
      }
      const dataset = join(dir, 'shoal')
      const ds = await createDataset(dataset)
      const tensor = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
      for (const file of files) await tensor.append(await read(file))
      await ds.close()
      return { dataset, files, frames: profile.videos * profile.videoFrames }
    })
    return undefined
  },
  arms: {
    async shoal() {
      const before = cpus()
      const start = now()
      const ds = await openDataset(stored!.dataset, { readOnly: true })
      const tensor = ds.tensor('clips')
      const clips = (await tensor.getRange(0, tensor.length)) as NDArray[]
      const seconds = secondsSince(start)
      const frames = clips.reduce((sum, clip) => sum + clip.shape[0]!, 0)
      if (frames !== stored!.frames) throw new Error(`decoded ${frames} frames, expected ${stored!.frames}`)
      await ds.close()
      return result(seconds, { core_busy_percent: busyPercent(before, cpus()) })
    },
    async 'raw-node'() {
      const start = now()
      let bytes = 0
      for (const file of stored!.files) {
        bytes += ffmpeg(['-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']).byteLength
      }
      if (bytes !== stored!.frames * FRAME_BYTES) throw new Error('ffmpeg decoded an unexpected size')
      return result(secondsSince(start), {})
    },
  },
}
