import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The server runs from src/, but the page it serves is the browser bundle in dist/client/, and
 * the end-to-end test runs the built `shoal view`: build the CLI and everything it bundles once,
 * before any test file starts. Turbo skips what is fresh.
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
