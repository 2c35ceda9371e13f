/**
 * Core keeps its plugin registry on `globalThis` under this key (the contract major, so every copy
 * of core shares it). Hiding it for a moment gives a registry as a fresh process has it: core's
 * built-in htypes only, whatever the test file imported before.
 */
const REGISTRY_KEY = Symbol.for('@shoal/core/registry@1')

/**
 * Runs `body` against a fresh plugin registry and puts the previous one back afterwards, so the
 * suite can register (or leave out) a plugin without touching the caller's registry. Tests in a
 * file run one at a time, so nothing else sees the swap.
 */
export async function withFreshRegistry<T>(body: () => Promise<T> | T): Promise<T> {
  const host = globalThis as Record<symbol, unknown>
  const had = Object.hasOwn(host, REGISTRY_KEY)
  const saved = host[REGISTRY_KEY]
  delete host[REGISTRY_KEY]
  try {
    return await body()
  } finally {
    if (had) host[REGISTRY_KEY] = saved
    else delete host[REGISTRY_KEY]
  }
}
