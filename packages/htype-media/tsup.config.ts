import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/register.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Core is a peer: never bundle a second copy of it.
  external: ['@shoal/core'],
})
