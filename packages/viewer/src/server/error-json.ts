/** Errors as the JSON the page shows, with any credential text blanked out. */
import { isShoalError } from '@shoal/core'
import type { ErrorJson } from '../shared/protocol.js'

/** Replaces every occurrence of a secret in a text with `***`. */
export type Scrub = (text: string) => string

/**
 * A scrubber for the string values of credential objects (keys, tokens, passwords): error
 * messages of storage plugins may echo a URL or a header, and none of that may reach the browser.
 */
export function makeScrub(...creds: (Readonly<Record<string, unknown>> | undefined)[]): Scrub {
  const secrets = new Set<string>()
  const collect = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= 4) secrets.add(value)
    else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v)
  }
  for (const c of creds) collect(c)
  const sorted = [...secrets].sort((a, b) => b.length - a.length)
  return (text) => sorted.reduce((out, secret) => out.split(secret).join('***'), text)
}

/** The JSON of any thrown value; the sample's tensor and index are kept or filled in. */
export function errorJson(
  error: unknown,
  scrub: Scrub,
  where: { tensor?: string; index?: number } = {},
): ErrorJson {
  const code = isShoalError(error) ? error.code : 'INTERNAL'
  const message = scrub(error instanceof Error ? error.message : String(error))
  const tensor = (isShoalError(error) ? error.tensor : undefined) ?? where.tensor
  const index = where.index ?? (isShoalError(error) ? error.index : undefined)
  return {
    code,
    message,
    ...(tensor === undefined ? {} : { tensor }),
    ...(index === undefined ? {} : { index }),
  }
}
