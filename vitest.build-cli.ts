import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Vitest global setup of the packages whose tests run built code: the `shoal` binary (cli) and
 * the viewer's browser bundle and `shoal view`. Builds the CLI and everything it bundles once,
 * before any test file starts; turbo skips what is fresh.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('.', import.meta.url))
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/turbo/bin/turbo'), 'run', 'build', '--filter=@shoal/cli...'],
    {
      cwd: root,
      stdio: 'pipe',
      env: {
        ...process.env,
        // turbo looks for pnpm on PATH; the bootstrap keeps its copy in .tools/.
        PATH: `${join(root, '.tools', 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
        TURBO_TELEMETRY_DISABLED: '1',
        DO_NOT_TRACK: '1',
      },
    },
  )
}
