#!/usr/bin/env node
// The two entry points of a fresh clone (`npm run demo`, `npm test`) come through here:
// fetch the pinned pnpm if the machine lacks it, install, build, then run the job.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager // "pnpm@x.y.z"
const toolsDir = join(root, '.tools')
const localPnpm = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')

// The local pnpm goes first on PATH (turbo looks it up there), and no tool may phone home.
const env = {
  ...process.env,
  PATH: `${join(toolsDir, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  npm_config_update_notifier: 'false',
}

function run(command, args, options = {}) {
  console.error(`\n> ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function ensurePnpm() {
  if (!existsSync(localPnpm)) {
    // A project-local copy: no global install, and the version is the one package.json pins.
    run('npm', [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefix',
      toolsDir,
      pinned,
    ])
  }
  return (args) => run(process.execPath, [localPnpm, ...args])
}

/**
 * The viewer's browser tests drive Debian's Chromium and Firefox ESR (no test tool downloads a
 * browser). Installs the missing ones where apt-get can (root or passwordless sudo); elsewhere
 * says what to install, and those tests fail naming it.
 */
function ensureBrowsers() {
  const missing = [
    ['/usr/bin/chromium', 'chromium'],
    ['/usr/bin/firefox-esr', 'firefox-esr'],
  ].filter(([path]) => !existsSync(path))
  if (missing.length === 0) return
  const names = missing.map(([, name]) => name)
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n']
  const apt = (args) => {
    const [command, ...rest] = [...sudo, 'apt-get', ...args]
    return spawnSync(command, rest, { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } })
  }
  console.error(`\n> apt-get install ${names.join(' ')} (for the viewer's browser tests)`)
  if (apt(['update', '-qq']).status === 0 && apt(['install', '-y', '-qq', ...names]).status === 0) return
  console.error(
    `could not install ${names.join(' ')}: install them (Debian packages) for the viewer's browser tests`,
  )
}

const job = process.argv[2]
if (job === 'test') ensureBrowsers()
const pnpm = ensurePnpm()
pnpm(['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])])

if (job === 'test') {
  // Tests run from src/ (the @shoal/source condition) before any build, so a fallback
  // to dist/ cannot hide; the build and the checks that need it come after.
  pnpm(['run', 'lint'])
  pnpm(['run', 'typecheck'])
  pnpm(['run', 'test:unit'])
  pnpm(['run', 'build'])
  // The benchmark suite as a smoke test: it must run end to end; it asserts nothing about speed.
  pnpm(['run', 'bench', '--profile', 'tiny', '--out', join(root, '.tmp', 'bench-tiny.jsonl')])
  // Both directions: Python-written fixtures read by Shoal, then Shoal-written datasets read back.
  pnpm(['run', 'conformance', join(root, '..', 'shared', 'fixtures', 'deeplake-3.9.52')])
  const written = join(root, '.tmp', 'conformance-write')
  rmSync(written, { recursive: true, force: true })
  pnpm(['run', 'conformance:write', written])
  pnpm(['run', 'conformance', written])
} else if (job === 'demo') {
  pnpm(['run', 'build'])
  pnpm(['run', 'demo:run'])
} else {
  console.error('usage: node scripts/bootstrap.mjs demo|test')
  process.exit(2)
}
