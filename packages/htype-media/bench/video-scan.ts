/**
 * Scan benchmark: 20 short videos in one dataset, read with `tensor.getRange` (Shoal starts a
 * window of decodes, each an ffmpeg child process, at most one per core), against ffmpeg decoding
 * the same files one after another on its own. Reports frames/s of both and how busy each core
 * was during the Shoal scan (from /proc/stat via os.cpus()).
 *
 *   node --conditions=@shoal/source --import tsx packages/htype-media/bench/video-scan.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDataset, type NDArray, read } from '@shoal/core'
import { mediaCodecs, mediaHtypes } from '../src/index.js'
import { ffmpeg } from '../test/helpers/ffmpeg.js'
import { makeVideo } from '../test/helpers/media.js'

const VIDEOS = 20
const SPEC = { frames: 60, width: 320, height: 240, fps: 30 }

function cpuTimes() {
  return cpus().map((c) => ({
    busy: c.times.user + c.times.nice + c.times.sys + c.times.irq,
    total: 0,
    ...c.times,
  }))
}

function busyShare(before: ReturnType<typeof cpuTimes>, after: ReturnType<typeof cpuTimes>): number[] {
  return after.map((a, i) => {
    const b = before[i]!
    const busy = a.busy - b.busy
    const idle = a.idle - b.idle
    return Math.round((100 * busy) / Math.max(1, busy + idle))
  })
}

const dir = await mkdtemp(join(tmpdir(), 'shoal-video-bench-'))
try {
  const files = Array.from({ length: VIDEOS }, (_, i) =>
    makeVideo('mp4', { ...SPEC, fps: SPEC.fps + (i % 3) }),
  )
  const ds = await createDataset(join(dir, 'ds'), { htypes: mediaHtypes, codecs: mediaCodecs })
  const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
  await t.extend(await Promise.all(files.map((f) => read(f))))
  const frames = VIDEOS * SPEC.frames

  const before = cpuTimes()
  let started = performance.now()
  const decoded = (await t.getRange(0, VIDEOS)) as NDArray[]
  const shoalSeconds = (performance.now() - started) / 1000
  const perCore = busyShare(before, cpuTimes())
  if (decoded.reduce((n, a) => n + a.shape[0]!, 0) !== frames) throw new Error('frame count mismatch')

  const paths = await Promise.all(
    files.map(async (f, i) => {
      const path = join(dir, `v${i}.mp4`)
      await writeFile(path, f)
      return path
    }),
  )
  started = performance.now()
  for (const path of paths) ffmpeg(['-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'])
  const ffmpegSeconds = (performance.now() - started) / 1000
  await ds.close()

  const result = {
    case: 'video-scan',
    videos: VIDEOS,
    frames,
    shoal_frames_per_s: Math.round(frames / shoalSeconds),
    ffmpeg_alone_frames_per_s: Math.round(frames / ffmpegSeconds),
    ratio: Number((ffmpegSeconds / shoalSeconds).toFixed(2)),
    core_busy_percent_during_scan: perCore,
  }
  console.log(JSON.stringify(result))
} finally {
  await rm(dir, { recursive: true, force: true })
}
