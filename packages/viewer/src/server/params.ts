/**
 * Strict parsing of query strings: only the parameters a route names, each at most once, and
 * indices as plain decimal integers. Nothing here ever becomes a file path.
 */
import { badRequest, notFound } from './http-error.js'

/** The query of `url` as a record; 400 for a parameter the route does not take or a repeated one. */
export function readQuery(url: URL, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of url.searchParams) {
    if (!allowed.includes(key)) {
      throw badRequest(
        `unknown parameter "${key}"${allowed.length ? `; this route takes ${allowed.join(', ')}` : ''}`,
      )
    }
    if (key in out) throw badRequest(`parameter "${key}" is given twice`)
    out[key] = value
  }
  return out
}

const DECIMAL = /^(0|[1-9][0-9]{0,14})$/

/** A non-negative integer parameter; 400 unless it is plain decimal digits. */
export function integerParam(query: Record<string, string>, name: string, fallback?: number): number {
  const text = query[name]
  if (text === undefined) {
    if (fallback !== undefined) return fallback
    throw badRequest(`parameter "${name}" is required`)
  }
  if (!DECIMAL.test(text))
    throw badRequest(`parameter "${name}" must be a non-negative integer, not "${text}"`)
  return Number(text)
}

/** A sample index below `length`; 404 past the end (the sample does not exist), 400 when malformed. */
export function indexParam(query: Record<string, string>, length: number, tensor?: string): number {
  const index = integerParam(query, 'index')
  if (index >= length) {
    throw notFound(`${tensor === undefined ? 'the dataset' : `tensor "${tensor}"`} has no sample ${index}`, {
      ...(tensor === undefined ? {} : { tensor }),
      index,
    })
  }
  return index
}
