import { spawn } from 'node:child_process'
import { UsageError } from '../args.js'
import type { Io } from '../report-error.js'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

function parsePort(value: unknown): number {
  if (value === undefined) return 0
  const text = String(value)
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535)
    throw new UsageError(`--port must be a port number (0 to 65535), not "${text}"`)
  return Number(text)
}

/** Opens `url` in the default browser; a machine without one (a server, CI) is not an error. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true })
    child.on('error', () => {})
    child.unref()
  } catch {
    // No opener: the URL is printed anyway.
  }
}

/** Resolves on the first SIGINT or SIGTERM (Ctrl-C, or a service manager stopping the viewer). */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/** `shoal view <dataset> [--port N] [--host H] [--open]` */
export async function run(
  positionals: readonly string[],
  flags: Readonly<Record<string, unknown>>,
  io: Io,
): Promise<number> {
  const [dataset, ...extra] = positionals
  if (!dataset) throw new UsageError('shoal view needs a dataset path or URL')
  if (extra.length > 0) throw new UsageError(`shoal view takes one dataset, not also "${extra.join(' ')}"`)
  const port = parsePort(flags.port)
  const host = typeof flags.host === 'string' && flags.host !== '' ? flags.host : '127.0.0.1'
  if (!LOOPBACK.has(host.toLowerCase())) {
    io.err(
      `shoal: warning: listening on ${host}, not 127.0.0.1: anyone who can reach this machine can read the dataset`,
    )
  }
  const { startViewer } = await import('@shoal/viewer')
  const viewer = await startViewer({ dataset, port, host })
  const stopped = untilStopped()
  io.out(io.json ? JSON.stringify({ url: viewer.url }) : viewer.url)
  if (!io.json) io.err('shoal: the viewer is running; press Ctrl-C to stop it')
  if (flags.open === true) openInBrowser(viewer.url)
  await stopped
  await viewer.close()
  return 0
}
