import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isShoalError, ShoalError } from '../errors.js'
import { pluginTable } from '../registry.js'
import { fileScheme, memoryScheme } from './builtin-schemes.js'
import type { OpenStorageOptions, StorageProvider, StorageScheme } from './contract.js'
import { asReadOnly } from './read-only.js'

/**
 * URL schemes of first-party storage packages that core does not ship. "Not registered" errors
 * quote this so a user knows what to install.
 */
export const knownSchemePackages: Readonly<Record<string, string>> = {
  s3: '@shoal/storage-s3',
  gs: '@shoal/storage-gcs',
  gcs: '@shoal/storage-gcs',
  gcp: '@shoal/storage-gcs',
}

// Seeded on first use rather than at import, so core stays free of import-time side effects.
function schemes() {
  return pluginTable<StorageScheme>('storage-schemes', 'DUPLICATE_SCHEME', (table) => {
    table.add(memoryScheme)
    table.add(fileScheme)
  })
}

const SCHEME_NAME = /^[a-z][a-z0-9+.-]*$/
// Two or more letters before "://": a single letter is a Windows drive ("C:/data"), not a scheme.
const URL_SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]+):\/\//

/**
 * Registers a storage URL scheme in the process-wide registry. Registering the same object again
 * (or the same package@version from a second copy) is a no-op; a different definition under a
 * taken name throws DUPLICATE_SCHEME unless `override` is set.
 */
export function registerStorageScheme(scheme: StorageScheme, options: { override?: boolean } = {}): void {
  if (typeof scheme?.name !== 'string' || !SCHEME_NAME.test(scheme.name)) {
    throw new ShoalError(
      'INVALID_ARGUMENT',
      `storage scheme name ${JSON.stringify(scheme?.name)} is invalid; use a lower-case URL scheme without ":", like "s3"`,
      { plugin: scheme?.providedBy },
    )
  }
  if (typeof scheme.open !== 'function') {
    throw new ShoalError('INVALID_ARGUMENT', `storage scheme "${scheme.name}" has no open() function`, {
      plugin: scheme.providedBy,
    })
  }
  schemes().add(scheme, options)
}

/** The registered scheme `name` (without ':'), if any. */
export function findStorageScheme(name: string): StorageScheme | undefined {
  return schemes().get(name.toLowerCase())
}

/** Every registered storage scheme, core's `memory` and `file` included. */
export function listStorageSchemes(): StorageScheme[] {
  return [...schemes().values()]
}

/** The scheme of a storage URL, lower case and without ':'; "file" for plain paths. */
export function storageScheme(url: string): string {
  if (/^file:/i.test(url)) return 'file'
  const match = URL_SCHEME.exec(url)
  return match ? match[1]!.toLowerCase() : 'file'
}

/**
 * Opens the storage a URL names: a local path (absolute, or relative to the working directory), a
 * `file://` URL, `memory://name`, or `<scheme>://…` of a registered scheme. An unregistered scheme
 * throws UNKNOWN_SCHEME naming the package to install. With `readOnly` the provider has no `set`.
 */
export async function openStorage(url: string, options: OpenStorageOptions = {}): Promise<StorageProvider> {
  if (typeof url !== 'string' || url === '') {
    throw new ShoalError('INVALID_ARGUMENT', 'openStorage needs a URL or a path')
  }
  const name = storageScheme(url)
  const target = name === 'file' && !/^file:/i.test(url) ? pathToFileURL(resolve(url)).href : url
  const scheme = schemes().get(name)
  if (!scheme) throw unknownScheme(name)

  let provider: StorageProvider
  try {
    provider = await scheme.open(target, options)
  } catch (cause) {
    if (isShoalError(cause)) throw cause
    // The URL may hold credentials (user:password@host); name only its scheme.
    throw new ShoalError('STORAGE', `could not open "${name}://…" storage from ${origin(scheme)}`, {
      cause,
      plugin: scheme.providedBy,
    })
  }
  if (provider?.specVersion !== 1) {
    throw new ShoalError(
      'INCOMPATIBLE_PLUGIN',
      `storage scheme "${name}" from ${origin(scheme)} returned a provider for storage contract ${String(provider?.specVersion)}; this @shoal/core speaks 1`,
      { plugin: scheme.providedBy },
    )
  }
  // Enforced here too, so a scheme that ignores the option still cannot write.
  return options.readOnly ? asReadOnly(provider) : provider
}

function unknownScheme(name: string): ShoalError {
  const plugin = knownSchemePackages[name]
  if (plugin) {
    return new ShoalError(
      'UNKNOWN_SCHEME',
      `no storage is registered for "${name}://…" URLs; install ${plugin} and import "${plugin}/register"`,
      { plugin, hint: `or pass a provider from ${plugin} directly` },
    )
  }
  const registered = listStorageSchemes()
    .map((scheme) => scheme.name)
    .sort()
    .join(', ')
  return new ShoalError(
    'UNKNOWN_SCHEME',
    `no storage is registered for "${name}://…" URLs; registered schemes: ${registered}. ` +
      'Install the package that provides it, or add one with registerStorageScheme()',
  )
}

function origin(scheme: StorageScheme): string {
  return scheme.providedBy ?? 'an unnamed package'
}
