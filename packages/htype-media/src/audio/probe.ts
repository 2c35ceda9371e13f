import type { AudioHeader } from './audio-info.js'
import { probeFlac } from './probe-flac.js'
import { probeMp3 } from './probe-mp3.js'
import { probeWav } from './probe-wav.js'

/** The Deep Lake audio compressions. */
export type AudioFormat = 'mp3' | 'wav' | 'flac'

/** Reads an audio file's header; throws when the file is not `format` or is cut short. */
export function probeAudio(format: AudioFormat, bytes: Uint8Array): AudioHeader {
  switch (format) {
    case 'mp3':
      return probeMp3(bytes)
    case 'wav':
      return probeWav(bytes)
    case 'flac':
      return probeFlac(bytes)
  }
}
