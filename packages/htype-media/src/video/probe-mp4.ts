import { badFile } from '../errors.js'
import type { VideoHeader } from './video-info.js'

interface Mp4Track {
  codec: string
  duration: number
  timescale: number
  nb_samples: number
  video?: { width: number; height: number }
}

/** Reads an MP4's first video track from its moov box with mp4box (no frame is decoded). */
export async function probeMp4(bytes: Uint8Array): Promise<VideoHeader> {
  const { createFile } = await import('mp4box')
  const file = createFile()
  const track = await new Promise<Mp4Track>((resolve, reject) => {
    let done = false
    file.onError = (_module: string, message: string) => {
      done = true
      reject(badFile('mp4', message))
    }
    file.onReady = (info: { videoTracks: Mp4Track[] }) => {
      done = true
      const video = info.videoTracks[0]
      if (!video?.video) reject(badFile('mp4', 'it has no video track'))
      else resolve(video)
    }
    const buffer = bytes.buffer.slice(
      bytes.byteOffset,
      bytes.byteOffset + bytes.byteLength,
    ) as ArrayBuffer & {
      fileStart: number
    }
    buffer.fileStart = 0
    try {
      file.appendBuffer(buffer as never)
      file.flush()
    } catch (cause) {
      done = true
      reject(badFile('mp4', (cause as Error).message))
    }
    if (!done) reject(badFile('mp4', 'no complete moov box (truncated file?)'))
  })
  checkSampleTable(bytes, track)
  const seconds = track.duration / track.timescale
  return {
    frames: track.nb_samples,
    height: track.video!.height,
    width: track.video!.width,
    duration: track.duration,
    timebase: 1 / track.timescale,
    fps: seconds > 0 ? track.nb_samples / seconds : 0,
    codec: track.codec,
  }
}

/** A truncated file can keep its moov (written first) yet lose frame data: check the mdat reaches the end. */
function checkSampleTable(bytes: Uint8Array, track: Mp4Track): void {
  if (track.nb_samples === 0) throw badFile('mp4', 'its video track has no frames')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 0
  while (offset + 8 <= bytes.byteLength) {
    let size = view.getUint32(offset)
    if (size === 1 && offset + 16 <= bytes.byteLength) size = Number(view.getBigUint64(offset + 8))
    else if (size === 0) size = bytes.byteLength - offset
    if (size < 8) throw badFile('mp4', `a box at byte ${offset} has size ${size}`)
    if (offset + size > bytes.byteLength)
      throw badFile(
        'mp4',
        `a box at byte ${offset} needs ${size} bytes, only ${bytes.byteLength - offset} remain (truncated file?)`,
      )
    offset += size
  }
}
