import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { ShoalError } from '../errors.js'

const FILE = Symbol.for('@shoal/file-sample')
const LINK = Symbol.for('@shoal/link-sample')

/** A file to store as a sample (from {@link read}); bytes are kept as they are when possible. */
export interface FileSample {
  readonly [FILE]: true
  /** The file's bytes. */
  readonly bytes: Uint8Array
  /** Where it came from (a path or a name), for the sample-info tensor and for format detection. */
  readonly path?: string
}

/** A link to store instead of the data (from {@link link}). */
export interface LinkSample {
  readonly [LINK]: true
  readonly url: string
  readonly credsKey: string | null
}

/**
 * Reads a file to append as a sample. For a tensor whose sample compression equals the file's
 * format, the bytes are stored as they are (EXIF and all); otherwise they are decoded by the codec
 * of the file's format and re-encoded, which is slow.
 */
export async function read(
  source: string | Uint8Array,
  options: { name?: string } = {},
): Promise<FileSample> {
  if (typeof source !== 'string') {
    return { [FILE]: true, bytes: source, ...(options.name === undefined ? {} : { path: options.name }) }
  }
  try {
    const buffer = readSmallSync(source) ?? (await readFile(source))
    return {
      [FILE]: true,
      bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
      path: source,
    }
  } catch (cause) {
    throw new ShoalError(
      'NOT_FOUND',
      `read(): could not read "${source}" (${(cause as NodeJS.ErrnoException).code})`,
      {
        key: source,
        cause,
      },
    )
  }
}

/** Files up to this size are read synchronously: four thread-pool round trips cost more than the read. */
const SYNC_READ_LIMIT = 4 * 1024 * 1024

/** The whole file when it is small enough to read without yielding; undefined for big files. */
function readSmallSync(path: string): Uint8Array | undefined {
  const fd = openSync(path, 'r')
  try {
    const { size } = fstatSync(fd)
    if (size > SYNC_READ_LIMIT) return undefined
    const out = Buffer.allocUnsafe(size)
    let done = 0
    while (done < size) {
      const n = readSync(fd, out, done, size - done, done)
      if (n === 0) break
      done += n
    }
    return out.subarray(0, done)
  } finally {
    closeSync(fd)
  }
}

/** A link sample: the tensor stores `url` and reads the file it points to on access. */
export function link(url: string, options: { credsKey?: string | null } = {}): LinkSample {
  if (typeof url !== 'string' || url === '') {
    throw new ShoalError('INVALID_ARGUMENT', 'link(url) needs a non-empty path or URL string')
  }
  return { [LINK]: true, url, credsKey: options.credsKey ?? null }
}

export function isFileSample(value: unknown): value is FileSample {
  return typeof value === 'object' && value !== null && (value as { [FILE]?: unknown })[FILE] === true
}

export function isLinkSample(value: unknown): value is LinkSample {
  return typeof value === 'object' && value !== null && (value as { [LINK]?: unknown })[LINK] === true
}

/** The file name of a file sample, for messages and sample info. */
export function fileName(sample: FileSample): string {
  return sample.path === undefined ? '(bytes)' : basename(sample.path)
}
