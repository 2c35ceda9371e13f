import { ShoalError } from '../errors.js'
import { isAbortError } from './abort.js'

/** The `code` of a Node system error (`ENOENT`, …), if it has one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/**
 * True when a read failed because the key names nothing readable: no such file, a directory, or a
 * path through a file. Those are "missing" in the store contract, not failures.
 */
export function isMissingFile(error: unknown): boolean {
  const code = errnoCode(error)
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
}

/**
 * The error to throw for a failed file operation: aborts pass through as they are, anything else
 * becomes STORAGE with the key and the original error as `cause`.
 */
export function fileError(
  action: 'read' | 'write' | 'delete' | 'list',
  key: string,
  where: string,
  cause: unknown,
): unknown {
  if (isAbortError(cause)) return cause
  const reason = errnoCode(cause) ?? (cause instanceof Error ? cause.message : String(cause))
  const what = action === 'list' ? `the keys under "${key}"` : `key "${key}"`
  return new ShoalError('STORAGE', `could not ${action} ${what} in ${where} (${reason})`, { key, cause })
}
