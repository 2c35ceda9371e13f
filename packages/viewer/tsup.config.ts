import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    // Top-level files only: the page's folder is the second build's.
    clean: ['*.js', '*.d.ts', '*.map'],
    target: 'node20',
    // Core is a peer: never bundle a second copy of it.
    external: ['@shoal/core'],
  },
  {
    // The page's script: one self-contained browser module, no imports at run time.
    entry: { app: 'src/client/main.ts' },
    outDir: 'dist/client',
    format: ['esm'],
    platform: 'browser',
    target: ['chrome120', 'firefox120'],
    noExternal: [/.*/],
    minify: true,
    sourcemap: false,
    clean: true,
    outExtension: () => ({ js: '.js' }),
    // index.html, style.css and the icon are copied as they are.
    publicDir: 'src/client/static',
  },
])
