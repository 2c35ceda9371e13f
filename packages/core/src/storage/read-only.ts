import type { StorageProvider } from './contract.js'

/** `provider` without its write capabilities (`set`, `delete`), so it reads as read-only everywhere. */
export function asReadOnly(provider: StorageProvider): StorageProvider {
  if (!provider.set && !provider.delete) return provider
  const { set, delete: remove, ...rest } = provider
  return rest
}
