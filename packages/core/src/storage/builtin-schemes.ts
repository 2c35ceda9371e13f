import { fileURLToPath } from 'node:url'
import { ShoalError } from '../errors.js'
import type { StorageScheme } from './contract.js'
import { createLocalStorage } from './local.js'
import { createMemoryStorage } from './memory.js'
import { asReadOnly } from './read-only.js'

/** `memory://<name>`: a named in-process store; opening the same name again sees the same data. */
export const memoryScheme: StorageScheme = {
  name: 'memory',
  providedBy: '@shoal/core',
  open(url, options) {
    const name = url.slice(url.indexOf('://') + 3).replace(/\/+$/, '')
    if (name === '') {
      throw new ShoalError(
        'INVALID_ARGUMENT',
        `memory storage URLs need a name, like "memory://scratch"; got "${url}"`,
      )
    }
    const storage = createMemoryStorage({ name })
    return options.readOnly ? asReadOnly(storage) : storage
  },
}

/** `file://` URLs (and, through `openStorage`, plain paths): a local folder. */
export const fileScheme: StorageScheme = {
  name: 'file',
  providedBy: '@shoal/core',
  open(url, options) {
    let path: string
    try {
      path = fileURLToPath(url)
    } catch (cause) {
      throw new ShoalError('INVALID_ARGUMENT', `"${url}" is not a local file URL`, { cause })
    }
    return createLocalStorage(path, { readOnly: options.readOnly })
  },
}
