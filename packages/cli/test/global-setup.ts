import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The tests run the built `shoal` binary, which loads every package from dist/: build the CLI and
 * what it bundles once, before any test file starts (turbo skips what is fresh).
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../../..', import.meta.url))
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
