/**
 * Image datasets for `pnpm conformance:write`: every image layout @shoal/htype-image writes, with
 * expectations computed from the inputs. Lossy samples are files made here and stored as they
 * are; their expected pixels come from decoding those files, with a tolerance for the decoder.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Dataset, link, type NDArray, read } from '@shoal/core'
import { imageCodecs } from '../../../packages/htype-image/src/index.js'
import { sha256Bytes } from '../compare.js'
import { arrayRecord, seeded } from '../record.js'
import type { ArraySampleSpec, DatasetSpec, TensorSpec } from '../schema.js'
import type { WriteCase } from '../write-datasets.js'

async function codec(name: string) {
  const found = imageCodecs.find((c) => c.name === name)
  if (!found) throw new Error(`no ${name} codec`)
  return found.loadCodec()
}

/** Random pixels (exact formats) or a smooth picture (lossy ones), from a fixed seed. */
function picture(
  height: number,
  width: number,
  channels: number,
  seed: number,
  smooth = false,
): NDArray<'uint8'> {
  const random = seeded(seed)
  const data = new Uint8Array(height * width * channels)
  for (let i = 0; i < data.length; i++) {
    const p = Math.floor(i / channels)
    data[i] = smooth
      ? Math.round(
          ((p % width) * 200) / Math.max(1, width - 1) / (1 + (i % channels)) +
            (Math.floor(p / width) * 40) / height,
        )
      : Math.floor(random() * 256)
  }
  return { dtype: 'uint8', shape: channels === 1 ? [height, width] : [height, width, channels], data }
}

const exact = (a: NDArray): ArraySampleSpec => arrayRecord(a.data as Uint8Array, a.shape)

const base = (htype: string, dtype: string, extra: Partial<TensorSpec>): TensorSpec => ({
  htype,
  dtype,
  sample_compression: null,
  chunk_compression: null,
  is_sequence: false,
  is_link: false,
  ...extra,
})

/** A lossy file stored as it is: raw bytes hashed exactly, pixels within a decoder tolerance. */
async function lossyFile(format: 'jpeg' | 'webp', image: NDArray<'uint8'>) {
  const impl = await codec(format)
  const file = await impl.encodeSample!(image, {})
  const decoded = (await impl.decodeSample!(file, { dtype: 'uint8', shape: image.shape })) as NDArray
  const spec: ArraySampleSpec = {
    ...exact(decoded),
    lossy: true,
    tolerance: 8,
    raw_sha256: sha256Bytes(file),
  }
  return { file, spec }
}

const images: WriteCase = {
  name: 'shoal_images',
  async write(ds: Dataset, context): Promise<DatasetSpec> {
    const tensors: Record<string, TensorSpec> = {}
    const assets = join(context.dir, 'shoal_images_assets')
    await mkdir(assets, { recursive: true })

    const rgb = [picture(9, 7, 3, 1), picture(1, 1, 3, 2), picture(12, 16, 3, 3)]
    await (await ds.createTensor('png_rgb', { htype: 'image', sampleCompression: 'png' })).extend(rgb)
    tensors.png_rgb = base('image', 'uint8', {
      sample_compression: 'png',
      length: 3,
      samples: rgb.map(exact),
    })

    const gray = [picture(8, 6, 1, 4), picture(5, 5, 1, 5)]
    await (await ds.createTensor('png_gray', { htype: 'image.gray', sampleCompression: 'png' })).extend(gray)
    tensors.png_gray = base('image.gray', 'uint8', {
      sample_compression: 'png',
      length: 2,
      samples: gray.map(exact),
    })

    const rgba = [picture(6, 4, 4, 6)]
    await (await ds.createTensor('png_rgba', { htype: 'image', sampleCompression: 'png' })).extend(rgba)
    tensors.png_rgba = base('image', 'uint8', {
      sample_compression: 'png',
      length: 1,
      samples: rgba.map(exact),
    })

    for (const format of ['jpeg', 'webp'] as const) {
      const made = [
        await lossyFile(format, picture(10, 8, 3, 7, true)),
        await lossyFile(format, picture(7, 13, 3, 8, true)),
      ]
      const t = await ds.createTensor(`${format}_rgb`, { htype: 'image', sampleCompression: format })
      for (const [i, { file }] of made.entries()) {
        const path = join(assets, `${format}_${i}.${format === 'jpeg' ? 'jpg' : 'webp'}`)
        await writeFile(path, file)
        await t.append(await read(path))
      }
      tensors[`${format}_rgb`] = base('image', 'uint8', {
        sample_compression: format,
        length: made.length,
        samples: made.map((m) => m.spec),
      })
    }

    // The other lossless formats Shoal encodes. (GIF is left out: Pillow decodes it to palette
    // indices, so Python cannot reshape an RGB GIF sample to its stored shape, its own included.)
    for (const format of ['tiff', 'bmp', 'dib', 'ppm', 'tga'] as const) {
      const pictures = [picture(6, 5, 3, 20), picture(3, 9, 3, 21)]
      const name = `${format}_rgb`
      await (await ds.createTensor(name, { htype: 'image', sampleCompression: format })).extend(pictures)
      tensors[name] = base('image', 'uint8', {
        sample_compression: format,
        length: pictures.length,
        samples: pictures.map(exact),
      })
    }

    const canvas = [picture(9, 7, 3, 9), picture(4, 12, 3, 10), picture(16, 5, 3, 11)]
    await (await ds.createTensor('png_chunk_compressed', { htype: 'image', chunkCompression: 'png' })).extend(
      canvas,
    )
    tensors.png_chunk_compressed = base('image', 'uint8', {
      chunk_compression: 'png',
      length: canvas.length,
      samples: canvas.map(exact),
    })

    const big = picture(90, 70, 3, 12)
    const tiled = await ds.createTensor('tiled_image', {
      htype: 'image',
      sampleCompression: 'png',
      tilingThreshold: 6000,
    })
    await tiled.extend([big, picture(4, 4, 3, 13)])
    tensors.tiled_image = base('image', 'uint8', {
      sample_compression: 'png',
      length: 2,
      samples: [exact(big), exact(picture(4, 4, 3, 13))],
    })

    const classes = ['background', 'road', 'car']
    const random = seeded(14)
    const seg: NDArray<'uint32'>[] = [
      [5, 6],
      [3, 8],
    ].map(([h, w]) => ({
      dtype: 'uint32',
      shape: [h!, w!],
      data: Uint32Array.from({ length: h! * w! }, () => Math.floor(random() * 3)),
    }))
    await (
      await ds.createTensor('seg_mask', {
        htype: 'segment_mask',
        classNames: classes,
        sampleCompression: 'lz4',
      })
    ).extend(seg)
    tensors.seg_mask = base('segment_mask', 'uint32', {
      sample_compression: 'lz4',
      length: 2,
      info: { class_names: classes },
      samples: seg.map((m) => arrayRecord(m.data, m.shape)),
    })

    const bin: NDArray<'bool'>[] = [
      [4, 4, 1],
      [6, 8, 2],
    ].map((shape) => ({
      dtype: 'bool',
      shape,
      data: Uint8Array.from({ length: shape.reduce((a, b) => a * b) }, () => (random() < 0.5 ? 1 : 0)),
    }))
    await (await ds.createTensor('bin_mask', { htype: 'binary_mask' })).extend(bin)
    tensors.bin_mask = base('binary_mask', 'bool', {
      length: 2,
      samples: bin.map((m) => arrayRecord(m.data as Uint8Array, m.shape, (v) => v === 1)),
    })

    const instances: NDArray<'uint32'> = {
      dtype: 'uint32',
      shape: [2, 3],
      data: Uint32Array.of(0, 1, 1, 2, 2, 0),
    }
    await (await ds.createTensor('instances', { htype: 'instance_label' })).append(instances)
    tensors.instances = base('instance_label', 'uint32', {
      length: 1,
      samples: [arrayRecord(instances.data, instances.shape)],
    })

    const sequences = [[picture(4, 5, 3, 15), picture(4, 5, 3, 16)], [picture(6, 3, 3, 17)]]
    await (await ds.createTensor('seq_image', { htype: 'sequence[image]', sampleCompression: 'png' })).extend(
      sequences,
    )
    tensors.seq_image = base('sequence[image]', 'uint8', {
      sample_compression: 'png',
      is_sequence: true,
      length: 2,
      samples: sequences.map((items) => ({ items: items.map(exact) })),
    })

    const png = await codec('png')
    const linked = [picture(8, 8, 3, 18), picture(5, 9, 3, 19)]
    const paths: string[] = []
    for (const [i, image] of linked.entries()) {
      const path = join(assets, `linked_${i}.png`)
      await writeFile(path, await png.encodeSample!(image, {}))
      paths.push(path)
    }
    await (await ds.createTensor('link_image', { htype: 'link[image]', sampleCompression: 'png' })).extend(
      paths.map((p) => link(p)),
    )
    tensors.link_image = base('link[image]', 'uint8', {
      sample_compression: 'png',
      is_link: true,
      length: 2,
      samples: linked.map((image, i) => ({ ...exact(image), path: paths[i]! })),
    })

    return { dataset: 'shoal_images', tensor_names: Object.keys(tensors).sort(), tensors }
  },
}

export const cases: readonly WriteCase[] = [images]
