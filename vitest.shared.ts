import { defineConfig } from 'vitest/config'

/** Vitest settings every package shares: resolve sibling packages from src/ via the source condition. */
export function packageTestConfig(name: string) {
  return defineConfig({
    resolve: { conditions: ['@shoal/source', 'import', 'node', 'default'] },
    ssr: {
      resolve: {
        conditions: ['@shoal/source', 'import', 'node', 'default'],
        externalConditions: ['@shoal/source'],
      },
    },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  })
}
