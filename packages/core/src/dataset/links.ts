import { resolve } from 'node:path'
import { ShoalError } from '../errors.js'
import type { StorageProvider } from '../storage/contract.js'
import { openStorage } from '../storage/schemes.js'

/** How link paths are turned into bytes: where relative paths start, and the creds of each key. */
export interface LinkContext {
  /** Folder that relative link paths resolve against (default: the process's working directory). */
  readonly linkBase?: string
  /** Names of creds keys, in creds-index order (linked_creds.json `creds_keys`). */
  readonly credsKeys: readonly string[]
  /** Credentials populated for this session, by creds key; never written anywhere. */
  readonly creds: ReadonlyMap<string, Record<string, unknown>>
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i

/** URL schemes of object stores, whose links must name a creds key (as in Python deeplake). */
export const CLOUD_SCHEMES: ReadonlySet<string> = new Set(['s3', 'gs', 'gcs', 'gcp', 'az', 'azure'])

/** The creds key that means "the storage backend's default credential chain". */
export const ENV_CREDS_KEY = 'ENV'

/**
 * Reads the file a link points to: local paths from disk, `file://` URLs, and any scheme a
 * storage plugin registered (`s3://`, `gs://`), with the creds populated for the link's key.
 */
export function createLinkReader(context: LinkContext) {
  const providers = new Map<string, Promise<StorageProvider>>()

  const credsKeyOf = (credsIndex: number): string | undefined =>
    credsIndex > 0 ? context.credsKeys[credsIndex - 1] : undefined

  // Cloud links always name a creds key: "ENV" means the backend's default chain (environment,
  // profile, instance metadata); any other key must have been populated in this session.
  const credsFor = (path: string, scheme: string | undefined, credsKey: string | undefined) => {
    const cloud = scheme !== undefined && CLOUD_SCHEMES.has(scheme)
    if (credsKey === undefined) {
      if (!cloud) return undefined
      throw new ShoalError('STORAGE', `the link "${path}" has no creds key; cloud links need one`, {
        key: path,
        hint: 'append it as link(url, { credsKey }) after ds.addCredsKey(name), or use the creds key "ENV" for the default credentials',
      })
    }
    if (credsKey === ENV_CREDS_KEY) return undefined
    const creds = context.creds.get(credsKey)
    if (creds === undefined && cloud) {
      throw new ShoalError(
        'STORAGE',
        `creds key "${credsKey}" of the link "${path}" has not been populated`,
        {
          key: path,
          hint: `call ds.populateCreds("${credsKey}", { ... }) after opening the dataset; creds are never stored in it`,
        },
      )
    }
    return creds
  }

  return async function readLink(path: string, credsIndex: number): Promise<Uint8Array> {
    const scheme = SCHEME.exec(path)?.[1]?.toLowerCase()
    // Local paths go through the `file` scheme, cloud URLs through their storage plugin: one way in.
    const url = scheme === undefined ? resolve(context.linkBase ?? process.cwd(), path) : path
    const slash = url.lastIndexOf('/')
    const parent = url.slice(0, slash) || '/'
    const name = url.slice(slash + 1)
    const credsKey = credsKeyOf(credsIndex)
    const creds = credsFor(path, scheme, credsKey)
    const cacheKey = `${credsKey ?? ''}\0${parent}`
    let provider = providers.get(cacheKey)
    if (!provider) {
      provider = openStorage(parent, { readOnly: true, ...(creds ? { creds } : {}) })
      // Links may point into many folders: keep the stores of recent ones only.
      if (providers.size >= 256) {
        const oldest = providers.keys().next().value!
        void providers
          .get(oldest)
          ?.then((p) => p.close?.())
          .catch(() => {})
        providers.delete(oldest)
      }
      providers.set(cacheKey, provider)
    }
    const bytes = await (await provider).get(name)
    if (!bytes) {
      throw new ShoalError(
        'NOT_FOUND',
        `the linked file "${path}" does not exist${scheme === undefined ? ` (resolved to ${url})` : ''}`,
        {
          key: path,
          hint: 'relative links resolve against the linkBase option of openDataset',
        },
      )
    }
    return bytes
  }
}
