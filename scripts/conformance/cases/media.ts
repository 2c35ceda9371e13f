/**
 * Media datasets for `pnpm conformance:write`: video, audio, NIfTI and DICOM files made here (by
 * the npm-shipped ffmpeg, or written by hand for NIfTI/DICOM) and stored as they are, plus raw
 * arrays in uncompressed media tensors. Expected pixels/PCM come from the inputs: the hand-written
 * voxels and pixels, and for video/audio ffmpeg's own decode of each file (a tolerance covers
 * another ffmpeg build, e.g. PyAV's).
 */
import { type Dataset, type NDArray, read } from '@shoal/core'
import { makeDicom, rampPixels } from '../../../packages/htype-media/test/helpers/dicom.js'
import {
  makeAudio,
  makeVideo,
  PYAV_SCALE,
  referenceFrames,
  referencePcm,
} from '../../../packages/htype-media/test/helpers/media.js'
import { makeNifti } from '../../../packages/htype-media/test/helpers/nifti.js'
import { sha256Bytes } from '../compare.js'
import { arrayRecord, seeded } from '../record.js'
import type { ArraySampleSpec, DatasetSpec, TensorSpec } from '../schema.js'
import type { WriteCase } from '../write-datasets.js'

const base = (htype: string, dtype: string, extra: Partial<TensorSpec>): TensorSpec => ({
  htype,
  dtype,
  sample_compression: null,
  chunk_compression: null,
  is_sequence: false,
  is_link: false,
  ...extra,
})

const VIDEO = { frames: 2, width: 12, height: 8 }

function videoSpec(file: Uint8Array, format: string): ArraySampleSpec {
  const frames = referenceFrames(file, format)
  return {
    ...arrayRecord(frames, [VIDEO.frames, VIDEO.height, VIDEO.width, 3]),
    lossy: true,
    tolerance: 8,
    raw_sha256: sha256Bytes(file),
  }
}

/** wav/flac PCM as Python deeplake reads it: PyAV's native int16 scale, from ffmpeg's own decode. */
function audioSpec(file: Uint8Array, format: 'wav' | 'flac'): ArraySampleSpec {
  const pcm = Float64Array.from(referencePcm(file, format), (v) => v * PYAV_SCALE[format])
  return {
    ...arrayRecord(pcm, [pcm.length / 2, 2]),
    lossy: true,
    tolerance: 1e-3 * PYAV_SCALE[format],
    raw_sha256: sha256Bytes(file),
  }
}

const media: WriteCase = {
  name: 'shoal_media',
  async write(ds: Dataset): Promise<DatasetSpec> {
    const tensors: Record<string, TensorSpec> = {}

    for (const format of ['mp4', 'mkv', 'avi'] as const) {
      const files = [makeVideo(format, VIDEO), makeVideo(format, { ...VIDEO, fps: 5 })]
      const t = await ds.createTensor(`video_${format}`, { htype: 'video', sampleCompression: format })
      for (const [i, file] of files.entries())
        await t.append(await read(file, { name: `clip${i}.${format}` }))
      tensors[`video_${format}`] = base('video', 'uint8', {
        sample_compression: format,
        length: files.length,
        samples: files.map((f) => videoSpec(f, format)),
      })
    }
    const random = seeded(31)
    const frames: NDArray<'uint8'> = {
      dtype: 'uint8',
      shape: [3, 4, 5, 3],
      data: Uint8Array.from({ length: 180 }, () => Math.floor(random() * 256)),
    }
    await (await ds.createTensor('video_raw', { htype: 'video', sampleCompression: null })).append(frames)
    tensors.video_raw = base('video', 'uint8', {
      length: 1,
      samples: [arrayRecord(frames.data, frames.shape)],
    })

    for (const format of ['wav', 'flac'] as const) {
      const files = [
        makeAudio(format, { rate: 8000, seconds: 0.05, channels: 2 }),
        makeAudio(format, { rate: 8000, seconds: 0.03, channels: 2 }),
      ]
      const t = await ds.createTensor(`audio_${format}`, { htype: 'audio', sampleCompression: format })
      for (const file of files) await t.append(await read(file, { name: `tone.${format}` }))
      tensors[`audio_${format}`] = base('audio', 'float64', {
        sample_compression: format,
        length: files.length,
        samples: files.map((f) => audioSpec(f, format)),
      })
    }
    // MP3 decoders disagree on the encoder delay, so only the stored bytes are pinned here.
    const mp3 = makeAudio('mp3', { rate: 8000, seconds: 0.2, channels: 1 })
    await (await ds.createTensor('audio_mp3', { htype: 'audio', sampleCompression: 'mp3' })).append(
      await read(mp3),
    )
    tensors.audio_mp3 = base('audio', 'float64', {
      sample_compression: 'mp3',
      length: 1,
      samples: [{ raw_sha256: sha256Bytes(mp3) }],
    })
    const pcm = {
      dtype: 'float64' as const,
      shape: [6, 2],
      data: Float64Array.from({ length: 12 }, (_, i) => (i - 6) / 8),
    }
    await (await ds.createTensor('audio_raw', { htype: 'audio', sampleCompression: null })).append(pcm)
    tensors.audio_raw = base('audio', 'float64', { length: 1, samples: [arrayRecord(pcm.data, pcm.shape)] })

    const voxel = (x: number, y: number, z: number) => x * 100 + y * 10 + z - 50
    const volume = Int16Array.from({ length: 24 }, (_, i) =>
      voxel(Math.floor(i / 6), Math.floor(i / 2) % 3, i % 2),
    )
    for (const [name, gz] of [
      ['nii', false],
      ['nii.gz', true],
    ] as const) {
      const file = makeNifti([4, 3, 2], voxel, { gz })
      const tensor = `nifti_${name.replace('.', '_')}`
      await (await ds.createTensor(tensor, { htype: 'nifti', sampleCompression: name })).append(
        await read(file, { name: `scan.${name}` }),
      )
      tensors[tensor] = base('nifti', 'int16', {
        sample_compression: name,
        length: 1,
        samples: [{ ...arrayRecord(volume, [4, 3, 2]), raw_sha256: sha256Bytes(file) }],
      })
    }
    await (
      await ds.createTensor('nifti_raw', { htype: 'nifti', sampleCompression: null, dtype: 'int16' })
    ).append({
      dtype: 'int16',
      shape: [4, 3, 2],
      data: volume,
    })
    tensors.nifti_raw = base('nifti', 'int16', { length: 1, samples: [arrayRecord(volume, [4, 3, 2])] })

    const pixels = rampPixels(6, 8)
    const dicoms = (['explicit', 'implicit', 'rle', 'jpegLs'] as const).map((syntax) =>
      makeDicom({ rows: 6, cols: 8, pixels, syntax }),
    )
    const dcm = await ds.createTensor('dicom', { htype: 'dicom' })
    for (const file of dicoms) await dcm.append(await read(file, { name: 'ct.dcm' }))
    tensors.dicom = base('dicom', 'uint16', {
      sample_compression: 'dcm',
      length: dicoms.length,
      samples: dicoms.map((file) => ({ ...arrayRecord(pixels, [6, 8, 1]), raw_sha256: sha256Bytes(file) })),
    })

    return {
      dataset: 'shoal_media',
      tensors,
      notes: {
        video:
          'mp4/mkv as H.264, avi as MPEG-4 part 2, made by @ffmpeg-installer/ffmpeg 1.1.0; pixels from its rgb24 decode',
        audio:
          'wav/flac PCM from ffmpeg f32le × 32768 (PyAV keeps int16 scale); mp3 checked by stored bytes only',
        dicom: 'explicit/implicit LE, RLE and JPEG-LS (.80) transfer syntaxes, 16-bit CT ramp',
      },
    }
  },
}

export const cases: WriteCase[] = [media]
