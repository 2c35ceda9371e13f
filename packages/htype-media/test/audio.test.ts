import { isShoalError, type NDArray, read } from '@shoal/core'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanTemps, newDataset } from './helpers/dataset.js'
import { makeAudio, makePcmTone, nativePcm, PYAV_SCALE, referencePcm } from './helpers/media.js'

afterAll(cleanTemps)

// Lossless formats must match ffmpeg's PCM to int16 rounding; MP3 decoders differ a little more.
const TOLERANCE = { wav: 1e-4, flac: 1e-4, mp3: 0.02 }

describe.each(['wav', 'flac', 'mp3'] as const)('audio %s', (format) => {
  const file = makeAudio(format, { rate: 8000, seconds: 0.5, channels: 2 })

  it('stores the file, shape (samples, channels), sample rate in the info, PCM like ffmpeg', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('sounds', { htype: 'audio', sampleCompression: format })
    await t.append(await read(file, { name: `tone.${format}` }))
    expect(Buffer.from(await t.getBytes(0))).toEqual(Buffer.from(file))
    expect(t.meta.dtype).toBe('float64')
    const shape = await t.sampleShape(0)
    expect(shape[1]).toBe(2)
    if (format !== 'mp3') expect(shape[0]).toBe(4000)
    const info = await t.sampleInfo(0)
    expect(info).toMatchObject({
      format,
      sample_rate: 8000,
      nchannels: 2,
      modified: false,
      filename: `tone.${format}`,
    })

    const pcm = (await t.get(0)) as NDArray
    expect(pcm.dtype).toBe('float64')
    expect(pcm.shape).toEqual(shape)
    // Python deeplake keeps PyAV's native scale (int16 values for 16-bit PCM): so does Shoal.
    const reference = referencePcm(file, format).map((v) => v * PYAV_SCALE[format])
    const data = pcm.data as Float64Array
    // ffmpeg keeps the MP3 encoder delay; compare where both decoders agree on the timeline.
    const offset = format === 'mp3' ? bestOffset(data, reference) : 0
    let worst = 0
    const n = Math.min(data.length, reference.length - offset) - 2 * 200
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(data[i]! - reference[i + offset]!))
    expect(worst).toBeLessThan(TOLERANCE[format] * PYAV_SCALE[format])
    // The right channel is an octave up: the two columns differ.
    expect(Math.abs(data[5]! - data[4]!)).toBeGreaterThan(1e-3 * PYAV_SCALE[format])
    await ds.close()
  })
})

describe('audio sample scale (as Python deeplake reads it through PyAV)', () => {
  it.each([
    ['wav', ['-c:a', 'pcm_u8'], 'u8'],
    ['wav', ['-c:a', 'pcm_s16le'], 's16le'],
    ['wav', ['-c:a', 'pcm_s24le'], 's32le'],
    ['flac', ['-c:a', 'flac', '-sample_fmt', 's16'], 's16le'],
    ['flac', ['-c:a', 'flac', '-sample_fmt', 's32'], 's32le'],
  ] as const)("%s %j decodes to ffmpeg's native %s integers exactly", async (format, codec, native) => {
    const file = makePcmTone(format, [...codec])
    const { ds } = await newDataset()
    const t = await ds.createTensor('sounds', { htype: 'audio', sampleCompression: format })
    await t.append(await read(file, { name: `tone.${format}` }))
    const data = [...(((await t.get(0)) as NDArray).data as Float64Array)]
    const expected = nativePcm(file, format, native)
    expect(data.length).toBe(expected.length)
    expect(data).toEqual(expected)
    // Loud enough that both signs reach beyond half scale, where the two divisors differ.
    const full = native === 'u8' ? 128 : native === 's16le' ? 32768 : 2 ** 31
    expect(Math.max(...expected.map((v) => Math.abs(v - (native === 'u8' ? 128 : 0))))).toBeGreaterThan(
      full / 2,
    )
    await ds.close()
  })
})

/** The interleaved-sample shift of `reference` that best matches `data` (MP3 decoder delay). */
function bestOffset(data: Float64Array, reference: Float32Array): number {
  let best = 0
  let bestError = Number.POSITIVE_INFINITY
  for (let shift = 0; shift < 4000; shift += 2) {
    let error = 0
    for (let i = 400; i < 1400; i++) error += Math.abs(data[i]! - (reference[i + shift] ?? 0))
    if (error < bestError) {
      bestError = error
      best = shift
    }
  }
  return best
}

describe('audio-decode quirks', () => {
  it('a stereo MP3 with identical channels still decodes to (samples, 2), both columns equal', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('sounds', { htype: 'audio', sampleCompression: 'mp3' })
    await t.append(await read(makeAudio('mp3', { rate: 8000, seconds: 0.3, channels: 2, identical: true })))
    const pcm = (await t.get(0)) as NDArray
    expect(pcm.shape[1]).toBe(2)
    expect(pcm.shape).toEqual(await t.sampleShape(0))
    const data = pcm.data as Float64Array
    let energy = 0
    for (let i = 0; i < data.length; i += 2) {
      expect(data[i]).toBe(data[i + 1])
      energy += Math.abs(data[i]!)
    }
    expect(energy).toBeGreaterThan(10)
    await ds.close()
  })
})

describe('audio bad input', () => {
  const wav = makeAudio('wav', { rate: 8000, seconds: 0.25, channels: 1 })

  it.each([
    ['a truncated wav', 'wav', wav.subarray(0, wav.byteLength - 300)],
    ['a wav claimed as flac', 'flac', wav],
  ] as const)('%s is refused naming tensor and index; nothing is written', async (_, format, bytes) => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('sounds', { htype: 'audio', sampleCompression: format })
    await t.append(await read(makeAudio(format, { rate: 8000, seconds: 0.1, channels: 1 })))
    const error = await t.append(await read(bytes, { name: `bad.${format}` })).catch((e: unknown) => e)
    expect(isShoalError(error)).toBe(true)
    expect(error).toMatchObject({ tensor: 'sounds', index: 1 })
    expect(t.length).toBe(1)
    await ds.close()
  })

  it('raw PCM goes only into a tensor without compression', async () => {
    const { ds } = await newDataset()
    const pcm = { dtype: 'float64' as const, shape: [3, 1], data: new Float64Array([0.1, -0.2, 0.3]) }
    const mp3 = await ds.createTensor('mp3', { htype: 'audio', sampleCompression: 'mp3' })
    await expect(mp3.append(pcm)).rejects.toSatisfy(
      (e) => isShoalError(e, 'UNSUPPORTED') && e.tensor === 'mp3',
    )
    const raw = await ds.createTensor('raw', { htype: 'audio', sampleCompression: null })
    await raw.append(pcm)
    expect(Array.from(((await raw.get(0)) as NDArray).data as Float64Array)).toEqual([0.1, -0.2, 0.3])
    await ds.close()
  })
})
