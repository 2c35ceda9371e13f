import { UsageError } from './args.js'
import { coloursFor } from './colour.js'

/** Core's error brand, checked here without loading core (so `shoal --help` stays light). */
const BRAND = Symbol.for('@shoal/error')

interface BrandedError extends Error {
  readonly code: string
  readonly hint?: string
}

function isShoalError(value: unknown): value is BrandedError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
}

/** Where output goes; tests pass their own. */
export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly json: boolean
}

/**
 * The only place errors become text and exit codes: one line per error (code and message, the
 * hint when there is one), the cause chain only with --debug. Usage errors exit 2, others 1.
 */
export function reportError(error: unknown, io: Io, debug: boolean): number {
  const usage = error instanceof UsageError
  const code = usage ? 'USAGE' : isShoalError(error) ? error.code : 'ERROR'
  const message = error instanceof Error ? error.message : String(error)
  if (io.json) io.err(JSON.stringify({ error: { code, message } }))
  else {
    const { red, dim } = coloursFor(process.stderr)
    io.err(`${red(`shoal: ${usage ? 'usage' : code}:`)} ${message}`)
    const hint = isShoalError(error) ? error.hint : undefined
    if (hint) io.err(dim(`  hint: ${hint}`))
  }
  if (debug) {
    let cause: unknown = error
    while (cause) {
      io.err(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause))
      cause = cause instanceof Error ? cause.cause : undefined
    }
  }
  return usage ? 2 : 1
}
