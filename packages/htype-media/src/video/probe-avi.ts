import { badFile } from '../errors.js'
import type { VideoHeader } from './video-info.js'

const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!)

/** Reads an AVI's main header and first video stream header (RIFF lists; no frame is decoded). */
export function probeAvi(bytes: Uint8Array): VideoHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'AVI ')
    throw badFile('avi', 'no RIFF AVI header')
  const declared = view.getUint32(4, true) + 8
  if (declared > bytes.byteLength)
    throw badFile(
      'avi',
      `the RIFF header declares ${declared} bytes, the file has ${bytes.byteLength} (truncated file?)`,
    )
  let main: { frames: number; width: number; height: number } | undefined
  let stream: { rate: number; scale: number; length: number; handler: string } | undefined
  const walk = (start: number, end: number) => {
    let at = start
    while (at + 8 <= end && !stream) {
      const id = ascii(bytes, at)
      const size = view.getUint32(at + 4, true)
      if (id === 'LIST') walk(at + 12, Math.min(end, at + 8 + size))
      else if (id === 'avih' && size >= 40)
        main = {
          frames: view.getUint32(at + 24, true),
          width: view.getUint32(at + 40, true),
          height: view.getUint32(at + 44, true),
        }
      else if (id === 'strh' && size >= 36 && ascii(bytes, at + 8) === 'vids')
        stream = {
          handler: ascii(bytes, at + 12).replace(/\0/g, ''),
          scale: view.getUint32(at + 28, true),
          rate: view.getUint32(at + 32, true),
          length: view.getUint32(at + 40, true),
        }
      at += 8 + size + (size & 1)
    }
  }
  walk(12, Math.min(bytes.byteLength, declared))
  if (!main || !stream) throw badFile('avi', 'no video stream header')
  if (stream.rate === 0 || stream.scale === 0) throw badFile('avi', 'the video stream has no frame rate')
  return {
    frames: stream.length || main.frames,
    height: main.height,
    width: main.width,
    duration: stream.length || main.frames,
    timebase: stream.scale / stream.rate,
    fps: stream.rate / stream.scale,
    codec: stream.handler,
  }
}
