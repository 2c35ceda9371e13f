import { defineConfig } from 'vitest/config'

// One project per package: `pnpm --filter <pkg> test` and `vitest --project <pkg>` run exactly its tests.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts'],
  },
})
