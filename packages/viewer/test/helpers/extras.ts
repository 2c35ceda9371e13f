/**
 * A second test dataset with the htypes the pixel fixture lacks: a json tensor whose sample 1 is
 * corrupted on disk, audio and video files, image links, a sequence of images, a binary mask with
 * its labels, a 2-D array, and tensors inside a group.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDataset, link, read } from '@shoal/core'
import '@shoal/htype-image/register'
import '@shoal/htype-geometry/register'
import '@shoal/htype-media/register'
import sharp from 'sharp'
import { corruptChunk } from './fixture.js'

const FFMPEG = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path

/** Runs the npm-shipped ffmpeg with a seekable output file and returns the file. */
function ffmpegFile(args: string[], extension: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'shoal-viewer-media-'))
  try {
    const out = join(dir, `out.${extension}`)
    const run = spawnSync(FFMPEG, ['-nostdin', '-hide_banner', '-v', 'error', ...args, '-y', out])
    if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr?.toString()}`)
    return new Uint8Array(readFileSync(out))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A one-second 440 Hz tone, 8 kHz mono WAV. */
export const makeWav = () =>
  ffmpegFile(
    ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000:duration=1', '-c:a', 'pcm_s16le'],
    'wav',
  )

/** Ten frames of ffmpeg's test pattern, 32×24 H.264 MP4. */
export const makeMp4 = () =>
  ffmpegFile(
    [
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=32x24:rate=10',
      '-frames:v',
      '10',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
    ],
    'mp4',
  )

/** A solid-colour PNG. */
export async function solidPng(
  width: number,
  height: number,
  rgb: [number, number, number],
): Promise<Uint8Array> {
  const data = new Uint8Array(width * height * 3)
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3)
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer(),
  )
}

export const CORRUPT_NOTE = 'corrupt-me-please'

/** A 3-D box 10 units in front of the camera: centre, size, rotation in degrees. */
export const CUBOID = [0.5, 0.2, 10, 2, 1, 3, 0, 30, 0]
/** A camera with focal length 4 px and its centre at (4, 3), for the 8×6 pictures. */
export const INTRINSICS = [
  [4, 0, 4],
  [0, 4, 3],
  [0, 0, 1],
]

export interface Extras {
  readonly wav: Uint8Array
  readonly mp4: Uint8Array
  readonly linkedPng: Uint8Array
}

/** Builds the extras dataset at `path`; linked files go to `filesDir`. */
export async function buildExtras(path: string, filesDir: string): Promise<Extras> {
  const wav = makeWav()
  const mp4 = makeMp4()
  const linkedPng = await solidPng(8, 6, [200, 30, 40])
  const linkedFile = join(filesDir, 'linked.png')
  await writeFile(linkedFile, linkedPng)

  const ds = await createDataset(path, { overwrite: true })
  await ds.addCredsKey('MY_KEY')
  const notes = await ds.createTensor('notes', { htype: 'json' })
  await notes.extend([{ n: 0 }, { text: CORRUPT_NOTE }, { n: 2 }])
  const sounds = await ds.createTensor('sounds', { htype: 'audio', sampleCompression: 'wav' })
  await sounds.extend([
    await read(wav, { name: 'tone.wav' }),
    await read(wav, { name: 'tone.wav' }),
    await read(wav, { name: 'tone.wav' }),
  ])
  const clips = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
  await clips.extend([await read(mp4, { name: 'clip.mp4' }), await read(mp4), await read(mp4)])
  const linked = await ds.createTensor('linked', { htype: 'link[image]', sampleCompression: 'png' })
  await linked.extend([link(linkedFile), link(linkedFile, { credsKey: 'MY_KEY' }), link(linkedFile)])
  const frames = await ds.createTensor('frames', { htype: 'sequence[image]', sampleCompression: 'png' })
  const red = await solidPng(4, 4, [255, 0, 0])
  const blue = await solidPng(4, 4, [0, 0, 255])
  for (let i = 0; i < 3; i++)
    await frames.append([await read(red, { name: 'r.png' }), await read(blue, { name: 'b.png' })])
  const tracks = await ds.createTensor('tracks', {
    htype: 'sequence[bbox]',
    coords: { type: 'pixel', mode: 'LTRB' },
  })
  for (let i = 0; i < 3; i++) await tracks.append([[[0, 0, 2, 2]], [[1, 1, 3, 3]], [[2, 2, 4, 4]]])
  const grid = await ds.createTensor('grid', { dtype: 'float32' })
  for (let i = 0; i < 3; i++)
    await grid.append({ shape: [4, 5], data: Float32Array.from({ length: 20 }, (_, k) => k) })
  const objects = await ds.createTensor('cam/objects', { htype: 'binary_mask', sampleCompression: 'lz4' })
  const objectLabels = await ds.createTensor('cam/object_labels', {
    htype: 'class_label',
    classNames: ['car', 'bike'],
  })
  const camImages = await ds.createTensor('cam/images', { htype: 'image', sampleCompression: 'png' })
  const cuboids = await ds.createTensor('cam/cuboids', { htype: 'bbox.3d', coords: { mode: 'center' } })
  const camera = await ds.createTensor('cam/camera', { htype: 'intrinsics' })
  const points = await ds.createTensor('cam/points', { htype: 'point' })
  const thumbs = await ds.createTensor('thumbs', { dtype: 'uint8' })
  for (let i = 0; i < 3; i++) {
    // Two objects on a 6×8 picture: object 0 in the left half, object 1 in the bottom-right corner.
    const mask = new Uint8Array(6 * 8 * 2)
    for (let y = 0; y < 6; y++)
      for (let x = 0; x < 8; x++) {
        if (x < 4) mask[(y * 8 + x) * 2] = 1
        if (x >= 6 && y >= 4) mask[(y * 8 + x) * 2 + 1] = 1
      }
    await objects.append({ shape: [6, 8, 2], data: mask })
    await objectLabels.append(['bike', 'car'])
    await camImages.append(await read(await solidPng(8, 6, [20, 20, 20]), { name: 'cam.png' }))
    await cuboids.append([CUBOID])
    await camera.append(INTRINSICS)
    await points.append([
      [1, 2],
      [5, 4],
    ])
    await thumbs.append({ shape: [2, 3, 3], data: Uint8Array.from({ length: 18 }, (_, k) => k * 10) })
  }
  await ds.close()
  await corruptChunk(path, 'notes', new TextEncoder().encode(CORRUPT_NOTE), -3, 6)
  return { wav, mp4, linkedPng }
}
