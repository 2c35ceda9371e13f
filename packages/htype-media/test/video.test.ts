import { readdir } from 'node:fs/promises'
import { isShoalError, type NDArray, openDataset, read } from '@shoal/core'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanTemps, newDataset, plugins } from './helpers/dataset.js'
import { makeVideo, referenceFrames } from './helpers/media.js'

afterAll(cleanTemps)

const SPEC = { frames: 12, width: 32, height: 24 }
const FRAME = SPEC.width * SPEC.height * 3

describe.each(['mp4', 'mkv', 'avi'] as const)('video %s', (format) => {
  const file = makeVideo(format, SPEC)

  it('stores the file byte for byte, with shape and info from the container', async () => {
    const { ds, path } = await newDataset()
    const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: format })
    await t.append(await read(file, { name: `clip.${format}` }))
    await ds.close()

    const back = await openDataset(path, { ...plugins, readOnly: true })
    const clips = back.tensor('clips')
    expect(Buffer.from(await clips.getBytes(0))).toEqual(Buffer.from(file))
    expect(await clips.sampleShape(0)).toEqual([12, 24, 32, 3])
    expect(clips.meta.dtype).toBe('uint8')
    const info = await clips.sampleInfo(0)
    expect(info).toMatchObject({
      format,
      shape: [12, 24, 32, 3],
      filename: `clip.${format}`,
      modified: false,
      fps: 10,
    })
    expect((info.duration as number) * (info.timebase as number)).toBeCloseTo(1.2, 5)
    expect(typeof info.codec).toBe('string')
    await back.close()
  })

  it('decodes every frame like ffmpeg does, and a frame range decodes only those frames', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: format })
    await t.append(await read(file))
    const reference = referenceFrames(file, format)
    const all = (await t.get(0)) as NDArray
    expect(all.shape).toEqual([12, 24, 32, 3])
    expect(Buffer.from(all.data as Uint8Array)).toEqual(Buffer.from(reference))

    const some = (await t.get(0, { frames: [2, 9, 3] })) as NDArray
    expect(some.shape).toEqual([3, 24, 32, 3])
    for (const [k, frame] of [2, 5, 8].entries()) {
      const got = (some.data as Uint8Array).subarray(k * FRAME, (k + 1) * FRAME)
      expect(Buffer.from(got)).toEqual(Buffer.from(reference.subarray(frame * FRAME, (frame + 1) * FRAME)))
    }
    await ds.close()
  })
})

describe('video bad input', () => {
  const mp4 = makeVideo('mp4', SPEC)

  it('a frame range outside the video is INDEX_OUT_OF_RANGE naming tensor and index', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
    await t.append(await read(mp4))
    const error = await t.get(0, { frames: [5, 40] }).catch((e: unknown) => e)
    expect(isShoalError(error, 'INDEX_OUT_OF_RANGE')).toBe(true)
    expect(error).toMatchObject({ tensor: 'clips', index: 0 })
    await expect(t.get(0, { frames: [3, 1] })).rejects.toSatisfy((e) => isShoalError(e, 'INDEX_OUT_OF_RANGE'))
    await expect(t.get(0, { frames: [0, 2, 0] })).rejects.toSatisfy((e) =>
      isShoalError(e, 'INVALID_ARGUMENT'),
    )
    await ds.close()
  })

  it.each([
    ['truncated', mp4.subarray(0, Math.floor(mp4.byteLength * 0.6))],
    ['not an mp4 at all', new TextEncoder().encode('this is plain text, not a video file at all...')],
  ])('a %s file is refused with a typed error and nothing is written', async (_, bytes) => {
    const { ds, path } = await newDataset()
    const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
    const before = await readdir(path, { recursive: true })
    const error = await t.append(await read(bytes, { name: 'clip.mp4' })).catch((e: unknown) => e)
    expect(isShoalError(error, 'INVALID_SAMPLE')).toBe(true)
    expect(error).toMatchObject({ tensor: 'clips', index: 0 })
    expect(t.length).toBe(0)
    expect(await readdir(path, { recursive: true })).toEqual(before)
    await ds.close()
  })

  it('raw frames go only into a tensor without compression; a compressed one refuses them', async () => {
    const { ds } = await newDataset()
    const frames = { dtype: 'uint8' as const, shape: [2, 4, 4, 3], data: new Uint8Array(96).fill(7) }
    const compressed = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
    const error = await compressed.append(frames).catch((e: unknown) => e)
    expect(isShoalError(error, 'UNSUPPORTED')).toBe(true)
    expect(error).toMatchObject({ tensor: 'clips', index: 0 })
    expect(compressed.length).toBe(0)

    const raw = await ds.createTensor('raw', { htype: 'video', sampleCompression: null })
    await raw.append(frames)
    expect(Array.from(((await raw.get(0)) as NDArray).data as Uint8Array).slice(0, 3)).toEqual([7, 7, 7])
    await ds.close()
  })

  it('another container is not recompressed into the tensor format', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
    const error = await t
      .append(await read(makeVideo('avi', SPEC), { name: 'clip.avi' }))
      .catch((e: unknown) => e)
    expect(isShoalError(error, 'UNSUPPORTED')).toBe(true)
    expect((error as Error).message).toContain('recompressed')
    expect(error).toMatchObject({ tensor: 'clips', index: 0 })
    expect(t.length).toBe(0)
    await ds.close()
  })

  it('chunk compression is refused for video', async () => {
    const { ds } = await newDataset()
    await expect(ds.createTensor('v', { htype: 'video', chunkCompression: 'lz4' })).rejects.toSatisfy((e) =>
      isShoalError(e),
    )
    await expect(ds.createTensor('w', { htype: 'video' })).rejects.toSatisfy((e) => isShoalError(e))
    await ds.close()
  })
})
