import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Core and vitest are peers: the suite must run against the plugin's own copies.
  external: ['@shoal/core', 'vitest'],
})
