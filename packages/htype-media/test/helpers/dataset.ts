import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type CreateTensorOptions, createDataset, type Dataset } from '@shoal/core'
import { mediaCodecs, mediaHtypes } from '../../src/index.js'

/** Plugins passed explicitly, as embedders do (no global registration needed). */
export const plugins = { htypes: mediaHtypes, codecs: mediaCodecs }

const temps: string[] = []

export async function newDataset(): Promise<{ ds: Dataset; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'shoal-media-ds-'))
  temps.push(dir)
  const path = join(dir, 'ds')
  return { ds: await createDataset(path, plugins), path }
}

export async function cleanTemps(): Promise<void> {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true })
}

export type { CreateTensorOptions }
