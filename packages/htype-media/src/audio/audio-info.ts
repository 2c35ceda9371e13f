/** What an audio file's header says, in the terms of Deep Lake's per-sample info. */
export interface AudioHeader {
  /** Samples per channel (the first axis of the stored shape). */
  readonly samples: number
  readonly channels: number
  readonly sampleRate: number
  /** Duration in `timeBase` units. */
  readonly duration: number
  /** Seconds per duration unit. */
  readonly timeBase: number
  /** Samples per codec frame (1152 for MP3 layer III; FLAC's maximum block size; 0 for PCM). */
  readonly frameSize: number
  /** ffmpeg's name of the decoded sample format (`s16`, `s32`, `fltp`, `flt`). */
  readonly sampleFormat: string
  /** Bits per sample of integer PCM (wav, flac); undefined for float PCM and MP3. */
  readonly bitsPerSample?: number
}

/** The stored shape of an audio sample: samples × channels. */
export const audioShape = (h: AudioHeader): number[] => [h.samples, h.channels]

/** The per-sample info Python writes for audio (key names as Deep Lake uses them). */
export const audioInfo = (h: AudioHeader): Record<string, unknown> => ({
  duration: h.duration,
  time_base: h.timeBase,
  sample_rate: h.sampleRate,
  frame_size: h.frameSize,
  nchannels: h.channels,
  sample_format: h.sampleFormat,
})
