/**
 * B5: scan + JPEG decode of B2's data, against reading the flat file and decoding each JPEG with
 * the same standalone codec (@shoal/htype-image's: @napi-rs/image for 8-bit JPEGs), and with sharp
 * alone (the issue's baseline, reported as `sharp_only_seconds`). All keep the same number of
 * decodes in flight (Shoal's `getRange` window), so the decoders use both cores.
 */
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type CodecImplementation, type NDArray, openDataset } from '@shoal/core'
import sharp from 'sharp'
import type { ArmResult, BenchCase } from '../case.js'
import { bytesOf, touch } from '../checks.js'
import { JPEG_PACKAGE, loadJpegCodec } from '../jpeg-codec.js'
import { now, type RssProbe, secondsSince } from '../measure.js'
import { readFull } from '../stores/flat.js'
import { JPEGS, jpegFiles, writeFlatJpegs, writeShoalJpegs } from '../stores/jpeg-fixture.js'

interface Stored {
  readonly shoal: string
  readonly flat: string
  readonly sizes: readonly number[]
  readonly pixelsPerImage: number
}

/** getRange's decode window in @shoal/core; the baseline matches it. */
const DECODES_IN_FLIGHT = 8

let codec: CodecImplementation | undefined
let stored: Stored | undefined

function result(seconds: number, n: number, check: number): ArmResult {
  // Throughput counts decoded pixel bytes: that is what a decode scan produces.
  return { n, bytes: n * stored!.pixelsPerImage, seconds, extra: { check } }
}

/**
 * The flat file's JPEGs decoded by `decode` with {@link DECODES_IN_FLIGHT} in flight; returns the
 * checksum of the touched pixels.
 */
async function decodeFlat(
  decode: (file: Uint8Array) => Promise<NDArray> | NDArray,
  probe: RssProbe,
): Promise<number> {
  let check = 0
  const fd = openSync(stored!.flat, 'r')
  let offset = 0
  let inFlight: Promise<void>[] = []
  try {
    for (const size of stored!.sizes) {
      const file = new Uint8Array(size)
      readFull(fd, file, offset)
      offset += size
      inFlight.push(
        Promise.resolve(decode(file)).then((image) => {
          check += touch(bytesOf(image.data))
        }),
      )
      if (inFlight.length === DECODES_IN_FLIGHT) {
        await Promise.all(inFlight)
        inFlight = []
        probe.tick()
      }
    }
    await Promise.all(inFlight)
  } finally {
    closeSync(fd)
  }
  return check
}

/** The B5 case. */
export const b5JpegScan: BenchCase = {
  id: 'B5',
  group: 'B5',
  title: `scan + JPEG decode (${DECODES_IN_FLIGHT} in flight)`,
  async setup({ workspace, profile }) {
    codec = await loadJpegCodec()
    if (!codec) return { skip: `needs ${JPEG_PACKAGE}` }
    const files = await jpegFiles(workspace, profile)
    stored = await workspace.fixture('jpeg-stored', async (dir) => {
      const shoal = join(dir, 'shoal')
      const flat = join(dir, 'flat.bin')
      await writeShoalJpegs(shoal, files.paths, profile.imageBatch)
      const sizes = writeFlatJpegs(flat, files.paths, (file) => readFileSync(file))
      const [h, w, c] = profile.imageShape
      return { shoal, flat, sizes, pixelsPerImage: h * w * c }
    })
    return undefined
  },
  arms: {
    async shoal({ profile, probe }) {
      let check = 0
      const start = now()
      const ds = await openDataset(stored!.shoal, { readOnly: true })
      const tensor = ds.tensor(JPEGS)
      for (let first = 0; first < tensor.length; first += profile.imageBatch) {
        for (const image of await tensor.getRange(first, first + profile.imageBatch)) {
          check += touch(bytesOf((image as { data: Uint8Array }).data))
        }
        probe.sample()
      }
      const n = tensor.length
      await ds.close()
      return result(secondsSince(start), n, check)
    },
    async 'raw-node'({ probe }) {
      const start = now()
      const check = await decodeFlat(
        (file) => codec!.decodeSample!(file, { dtype: 'uint8', htype: 'image' }),
        probe,
      )
      const seconds = secondsSince(start)
      // The baseline is sharp alone; the arm above runs the decoder Shoal's codec uses.
      const sharpStart = now()
      const sharpCheck = await decodeFlat(async (file) => {
        const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true })
        return { dtype: 'uint8', shape: [info.height, info.width, info.channels], data }
      }, probe)
      const sharpSeconds = secondsSince(sharpStart)
      const out = result(seconds, stored!.sizes.length, check)
      return {
        ...out,
        extra: {
          ...out.extra,
          sharp_only_seconds: Number(sharpSeconds.toFixed(4)),
          sharp_only_check: sharpCheck,
        },
      }
    },
  },
}
