import { defineConfig } from 'tsup'

export default defineConfig({
  // One file per command, so `shoal --help` loads none of them.
  entry: ['src/cli.ts', 'src/args.ts', 'src/plugins.ts', 'src/commands/*.ts'],
  format: ['esm'],
  dts: { entry: ['src/args.ts'] },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
})
