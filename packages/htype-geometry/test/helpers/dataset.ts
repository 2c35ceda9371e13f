import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDataset, type Dataset, isShoalError, type NDArray } from '@shoal/core'
import { expect } from 'vitest'
import { geometryCodecs, geometryHtypes } from '../../src/index.js'

let counter = 0

/** A fresh in-memory dataset with the package's htypes and codecs passed explicitly (no registry). */
export async function memoryDataset(): Promise<Dataset> {
  return createDataset(`memory://geometry-test-${process.pid}-${counter++}`, {
    htypes: geometryHtypes,
    codecs: geometryCodecs,
  })
}

/** A dataset in a temp folder, for tests that look at the files on disk; `done` removes it. */
export async function diskDataset(): Promise<{ ds: Dataset; dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'shoal-geometry-'))
  const ds = await createDataset(dir, { htypes: geometryHtypes, codecs: geometryCodecs })
  return { ds, dir, done: () => rm(dir, { recursive: true, force: true }) }
}

export const readJson = async (path: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>

/** Numbers of an NDArray as a plain list. */
export const values = (a: unknown): number[] => Array.from((a as NDArray).data as ArrayLike<number>, Number)

/** Awaits `promise`, expecting a ShoalError with `code` whose message names all of `parts`. */
export async function expectShoalError(
  promise: Promise<unknown>,
  code: string,
  parts: (string | RegExp)[] = [],
) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isShoalError(error), `expected a ShoalError, got ${String(error)}`).toBe(true)
  const shoal = error as { code: string; message: string; tensor?: string; index?: number }
  expect(shoal.code).toBe(code)
  for (const part of parts) expect(shoal.message).toMatch(part)
  return shoal
}
