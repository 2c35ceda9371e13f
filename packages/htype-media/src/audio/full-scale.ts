/**
 * The full scale of ffmpeg's integer sample formats (planar `…p` alike), in which audio decodes
 * as Python deeplake (PyAV) returns it: a sample is `offset ± scale` at most. Undefined for float
 * formats (`flt`, `fltp`, `dbl`), whose full scale is ±1.
 */
export function audioFullScale(sampleFormat: string): { offset: number; scale: number } | undefined {
  switch (sampleFormat.replace(/p$/, '')) {
    case 'u8':
      return { offset: 128, scale: 128 }
    case 's16':
      return { offset: 0, scale: 32768 }
    case 's32':
      return { offset: 0, scale: 2 ** 31 }
    default:
      return undefined
  }
}
