/**
 * B5: scan + JPEG decode of B2's data, against reading the flat file and decoding each JPEG with
 * the same standalone codec (sharp, inside @shoal/htype-image). Both keep the same number of
 * decodes in flight (Shoal's `getRange` window), so sharp uses both cores in both arms.
 */
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type CodecImplementation, openDataset } from '@shoal/core'
import type { ArmResult, BenchCase } from '../case.js'
import { bytesOf, touch } from '../checks.js'
import { JPEG_PACKAGE, loadJpegCodec } from '../jpeg-codec.js'
import { now, secondsSince } from '../measure.js'
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
      let check = 0
      const start = now()
      const fd = openSync(stored!.flat, 'r')
      let offset = 0
      let inFlight: Promise<void>[] = []
      for (const size of stored!.sizes) {
        const file = new Uint8Array(size)
        readFull(fd, file, offset)
        offset += size
        inFlight.push(
          Promise.resolve(codec!.decodeSample!(file, { dtype: 'uint8', htype: 'image' })).then((image) => {
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
      closeSync(fd)
      return result(secondsSince(start), stored!.sizes.length, check)
    },
  },
}
