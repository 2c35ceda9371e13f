import { badFile } from '../errors.js'
import type { AudioHeader } from './audio-info.js'

const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!)

/** Reads a WAV file's fmt and data chunk headers. */
export function probeWav(bytes: Uint8Array): AudioHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE')
    throw badFile('wav', 'no RIFF WAVE header')
  let fmt: { tag: number; channels: number; rate: number; align: number; bits: number } | undefined
  let at = 12
  while (at + 8 <= bytes.byteLength) {
    const id = ascii(bytes, at)
    const size = view.getUint32(at + 4, true)
    if (id === 'fmt ' && size >= 16) {
      fmt = {
        tag: view.getUint16(at + 8, true),
        channels: view.getUint16(at + 10, true),
        rate: view.getUint32(at + 12, true),
        align: view.getUint16(at + 20, true),
        bits: view.getUint16(at + 22, true),
      }
    } else if (id === 'data') {
      if (!fmt) throw badFile('wav', 'the data chunk comes before the fmt chunk')
      if (at + 8 + size > bytes.byteLength)
        throw badFile(
          'wav',
          `the data chunk declares ${size} bytes, ${bytes.byteLength - at - 8} remain (truncated file?)`,
        )
      if (fmt.channels === 0 || fmt.align === 0 || fmt.rate === 0)
        throw badFile('wav', 'the fmt chunk is empty')
      const samples = Math.floor(size / fmt.align)
      const float = fmt.tag === 3
      return {
        samples,
        channels: fmt.channels,
        sampleRate: fmt.rate,
        duration: samples,
        timeBase: 1 / fmt.rate,
        frameSize: 0,
        sampleFormat: float
          ? fmt.bits === 64
            ? 'dbl'
            : 'flt'
          : fmt.bits <= 8
            ? 'u8'
            : fmt.bits <= 16
              ? 's16'
              : 's32',
        ...(float ? {} : { bitsPerSample: fmt.bits }),
      }
    }
    at += 8 + size + (size & 1)
  }
  throw badFile('wav', 'no data chunk (truncated file?)')
}
