/** What a container header says about its first video stream, in Deep Lake's terms. */
export interface VideoHeader {
  readonly frames: number
  readonly height: number
  readonly width: number
  /** Stream duration in `timebase` units (Python: vstream.duration, else container.duration). */
  readonly duration: number
  /** Seconds per duration unit. */
  readonly timebase: number
  /** Frames per second. */
  readonly fps: number
  /** Codec name as the container states it (`avc1.64000a`, `V_MPEG4/ISO/AVC`, `FMP4`). */
  readonly codec: string
}

/** The sample shape Deep Lake stores for a video: frames × H × W × 3 (decoded as RGB). */
export const videoShape = (h: VideoHeader): number[] => [h.frames, h.height, h.width, 3]

/** The per-sample info Python writes for a video, plus the codec. */
export const videoInfo = (h: VideoHeader): Record<string, unknown> => ({
  duration: h.duration,
  fps: h.fps,
  timebase: h.timebase,
  codec: h.codec,
})
