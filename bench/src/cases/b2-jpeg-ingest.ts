/**
 * B2: ingest pre-encoded JPEG files through `read()` into a jpeg `image` tensor (bytes kept as
 * they are), against appending the same bytes to one flat file. Needs a registered jpeg codec.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ArmResult, BenchCase } from '../case.js'
import { JPEG_PACKAGE, loadJpegCodec } from '../jpeg-codec.js'
import { now, secondsSince } from '../measure.js'
import { storedBytes } from '../stores/disk.js'
import { type JpegFiles, jpegFiles, writeFlatJpegs, writeShoalJpegs } from '../stores/jpeg-fixture.js'

let files: JpegFiles | undefined

function result(seconds: number, path: string): ArmResult {
  return { n: files!.paths.length, bytes: files!.bytes, seconds, extra: { stored_bytes: storedBytes(path) } }
}

/** The B2 case. */
export const b2JpegIngest: BenchCase = {
  id: 'B2',
  group: 'B2',
  title: 'ingest JPEG files via read() (bytes kept)',
  settleWrites: true,
  async setup({ workspace, profile }) {
    const codec = await loadJpegCodec()
    if (!codec) return { skip: `needs ${JPEG_PACKAGE}` }
    files = await jpegFiles(workspace, profile)
    return undefined
  },
  arms: {
    async shoal({ dir, profile }) {
      const path = join(dir, 'shoal')
      const start = now()
      await writeShoalJpegs(path, files!.paths, profile.imageBatch)
      return result(secondsSince(start), path)
    },
    async 'raw-node'({ dir }) {
      const path = join(dir, 'flat.bin')
      const start = now()
      writeFlatJpegs(path, files!.paths, (file) => readFileSync(file))
      return result(secondsSince(start), path)
    },
  },
}
