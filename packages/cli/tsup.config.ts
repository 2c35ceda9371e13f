import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { defineConfig } from 'tsup'

export default defineConfig({
  // One file per command, so `shoal --help` loads none of them.
  entry: ['src/cli.ts', 'src/main.ts', 'src/args.ts', 'src/plugins.ts', 'src/commands/*.ts'],
  format: ['esm'],
  dts: { entry: ['src/args.ts', 'src/main.ts'] },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  // bin/shoal.js answers `--help` from this file without loading the ESM CLI.
  async onSuccess() {
    const dist = join(process.cwd(), 'dist')
    const args = (await import(pathToFileURL(join(dist, 'args.js')).href)) as typeof import('./src/args.js')
    const texts: Record<string, string> = { '': args.helpText() }
    for (const name of Object.keys(args.commands)) texts[name] = args.helpText(name)
    await writeFile(join(dist, 'help.json'), `${JSON.stringify(texts, null, 1)}\n`)
  },
})
