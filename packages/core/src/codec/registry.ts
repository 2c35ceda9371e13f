import { ShoalError, where } from '../errors.js'
import { pluginTable } from '../registry.js'
import type { CodecImplementation, CompressionCodec } from './contract.js'
import { lz4Codec } from './lz4.js'

/**
 * Compressions of the format that core does not ship, and the package that does. Errors quote
 * this so a user knows what to install.
 */
export const knownCompressionPackages: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [
      'bmp',
      'dib',
      'eps',
      'fli',
      'gif',
      'ico',
      'im',
      'jpeg',
      'jpg',
      'jpeg2000',
      'jp2',
      'msp',
      'mpo',
      'pcx',
      'png',
    ]
      .concat(['ppm', 'sgi', 'tga', 'tiff', 'tif', 'webp', 'wmf', 'xbm', 'apng', 'avif', 'heic'])
      .map((name) => [name, '@shoal/htype-image']),
  ),
  ...Object.fromEntries(
    ['mp4', 'mkv', 'avi', 'mp3', 'flac', 'wav', 'dcm', 'nii', 'nii.gz'].map((name) => [
      name,
      '@shoal/htype-media',
    ]),
  ),
  ...Object.fromEntries(['las', 'ply', 'stl'].map((name) => [name, '@shoal/htype-geometry'])),
}

function codecs() {
  return pluginTable<CompressionCodec>('codecs', 'DUPLICATE_CODEC', (table) => table.add(lz4Codec))
}

const loaded = new WeakMap<CompressionCodec, Promise<CodecImplementation>>()

/** Registers compression codecs (idempotent; a different codec under a taken name throws DUPLICATE_CODEC). */
export function registerCodecs(
  list: readonly CompressionCodec[],
  options: { override?: boolean } = {},
): void {
  for (const codec of list) {
    if (codec.specVersion !== 1) {
      throw new ShoalError(
        'INCOMPATIBLE_PLUGIN',
        `codec "${codec.name}" from ${codec.providedBy} follows codec contract ${String(codec.specVersion)}; this @shoal/core speaks 1`,
        { plugin: codec.providedBy },
      )
    }
    codecs().add(codec, { ...options, aliases: codec.aliases ?? [] })
  }
}

/** The registered codec for a compression name or alias, if any. */
export function findCodec(name: string): CompressionCodec | undefined {
  return codecs().get(name.toLowerCase())
}

/** Every registered codec. */
export function listCodecs(): CompressionCodec[] {
  return [...codecs().values()]
}

/** The canonical stored name of a compression (`jpg` → `jpeg`), whether or not it is registered. */
export function canonicalCompression(name: string): string {
  const lower = name.toLowerCase()
  const registered = codecs().canonical(lower)
  if (registered) return registered
  const builtInAliases: Record<string, string> = { jpg: 'jpeg', tif: 'tiff', jp2: 'jpeg2000' }
  return builtInAliases[lower] ?? lower
}

/** Codecs passed to one dataset (openDataset's `codecs`), by name and alias. */
export function codecMap(list: readonly CompressionCodec[] = []): ReadonlyMap<string, CompressionCodec> {
  const map = new Map<string, CompressionCodec>()
  for (const codec of list) {
    map.set(codec.name, codec)
    for (const alias of codec.aliases ?? []) map.set(alias, codec)
  }
  return map
}

/**
 * The codec for `name` from `local` (codecs passed to openDataset) or the registry, or a typed error
 * naming the package that provides it.
 */
export function requireCodec(
  name: string,
  options: { tensor?: string; key?: string; local?: ReadonlyMap<string, CompressionCodec> } = {},
): CompressionCodec {
  const { local, ...context } = options
  const codec = local?.get(name.toLowerCase()) ?? findCodec(name)
  if (codec) return codec
  const plugin = knownCompressionPackages[name.toLowerCase()]
  const at = where(context)
  if (plugin) {
    throw new ShoalError(
      'UNKNOWN_COMPRESSION',
      `compression "${name}"${at ? ` (${at})` : ''} needs ${plugin}: install it and import "${plugin}/register"`,
      { ...context, plugin },
    )
  }
  throw new ShoalError(
    'UNKNOWN_COMPRESSION',
    `compression "${name}"${at ? ` (${at})` : ''} is not a Deep Lake compression that Shoal knows; registered: ${listCodecs()
      .map((c) => c.name)
      .join(', ')}`,
    context,
  )
}

/** The codec's implementation, loaded once and shared. Load failures name the codec. */
export function loadCodec(codec: CompressionCodec): Promise<CodecImplementation> {
  let promise = loaded.get(codec)
  if (!promise) {
    promise = Promise.resolve()
      .then(() => codec.loadCodec())
      .catch((cause: unknown) => {
        loaded.delete(codec)
        if (cause instanceof Error && (cause as { code?: unknown }).code === 'MISSING_DEPENDENCY') throw cause
        throw new ShoalError(
          'CHUNK_CODEC',
          `could not load the "${codec.name}" codec from ${codec.providedBy}`,
          {
            cause,
            plugin: codec.providedBy,
          },
        )
      })
    loaded.set(codec, promise)
  }
  return promise
}
