import { probeAvi } from './probe-avi.js'
import { probeMkv } from './probe-mkv.js'
import { probeMp4 } from './probe-mp4.js'
import type { VideoHeader } from './video-info.js'

/** The Deep Lake video compressions. */
export type VideoFormat = 'mp4' | 'mkv' | 'avi'

/** Reads a container's header for the first video stream; throws when the file is not `format`. */
export function probeVideo(format: VideoFormat, bytes: Uint8Array): Promise<VideoHeader> | VideoHeader {
  switch (format) {
    case 'mp4':
      return probeMp4(bytes)
    case 'mkv':
      return probeMkv(bytes)
    case 'avi':
      return probeAvi(bytes)
  }
}
