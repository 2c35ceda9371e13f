import { createDataset, isShoalError, knownHtypePackages, openDataset, parseHtypeName } from '@shoal/core'
import {
  type CompressionCodec,
  findCodec,
  findHtype,
  type HtypeDefinition,
  registerCodecs,
  registerHtypes,
} from '@shoal/core/plugin'
import { expect } from 'vitest'
import type { TempFolders } from './folder.js'
import { withFreshRegistry } from './isolated-registry.js'
import { localPlugins, TENSOR } from './plugins.js'
import { assertSample, materialize } from './samples.js'
import type { HtypeConformanceOptions } from './types.js'

/**
 * Registering the plugin twice, or an equal copy of it (a second install of the same version), is
 * a no-op; once registered, datasets using it open without passing it to openDataset.
 */
export async function checkIdempotentRegistration(
  options: HtypeConformanceOptions,
  folders: TempFolders,
): Promise<void> {
  const codecs = options.codecs ?? []
  await withFreshRegistry(async () => {
    registerHtypes(options.htypes)
    registerCodecs(codecs)
    registerHtypes(options.htypes)
    registerCodecs(codecs)
    registerHtypes(options.htypes.map((h) => ({ ...h })))
    registerCodecs(codecs.map((c) => ({ ...c })))
    for (const htype of options.htypes) expect(findHtype(htype.name), `htype "${htype.name}"`).toBe(htype)
    for (const codec of codecs) {
      for (const name of [codec.name, ...(codec.aliases ?? [])])
        expect(findCodec(name), `codec "${name}"`).toBe(codec)
    }

    const roundTrip = options.roundTrips[0]!
    const sample = roundTrip.samples[0]!
    const path = await folders.datasetPath()
    const ds = await createDataset(path)
    try {
      await (await ds.createTensor(TENSOR, roundTrip.tensor)).append(await materialize(sample.input))
    } finally {
      await ds.close()
    }
    const back = await openDataset(path, { readOnly: true })
    try {
      assertSample(await back.tensor(TENSOR).get(0), sample.expected, 'registered, get(0)', roundTrip.compare)
    } finally {
      await back.close()
    }
  })
}

/**
 * A different definition under a taken name throws DUPLICATE_HTYPE (DUPLICATE_CODEC for a codec)
 * naming both packages, and the registered one stays.
 */
export async function checkDuplicateRefused(options: HtypeConformanceOptions): Promise<void> {
  const codecs = options.codecs ?? []
  await withFreshRegistry(() => {
    registerHtypes(options.htypes)
    registerCodecs(codecs)
    for (const htype of options.htypes) {
      const other: HtypeDefinition = { ...htype, providedBy: `${htype.providedBy}-impostor` }
      expectDuplicate(() => registerHtypes([other]), 'DUPLICATE_HTYPE', htype.providedBy, other.providedBy)
      expect(findHtype(htype.name), `htype "${htype.name}" after the refusal`).toBe(htype)
    }
    for (const codec of codecs) {
      const other: CompressionCodec = { ...codec, providedBy: `${codec.providedBy}-impostor` }
      expectDuplicate(() => registerCodecs([other]), 'DUPLICATE_CODEC', codec.providedBy, other.providedBy)
      expect(findCodec(codec.name), `codec "${codec.name}" after the refusal`).toBe(codec)
    }
  })
}

function expectDuplicate(
  register: () => void,
  code: 'DUPLICATE_HTYPE' | 'DUPLICATE_CODEC',
  ...names: string[]
) {
  let caught: unknown
  try {
    register()
  } catch (error) {
    caught = error
  }
  expect(isShoalError(caught, code), `expected ${code}, got ${String(caught)}`).toBe(true)
  for (const name of names) expect((caught as Error).message).toContain(name)
}

/**
 * A dataset written with the plugin, opened in a process that lacks it: the dataset opens, its
 * other tensors read, and the plugin's tensor throws UNKNOWN_HTYPE naming the tensor and the htype
 * (and the package, for htypes core knows by name). With the htypes but not the codecs, the
 * tensor throws UNKNOWN_COMPRESSION instead. Passed to openDataset, the plugin reads it again.
 */
export async function checkMissingPlugin(
  options: HtypeConformanceOptions,
  folders: TempFolders,
): Promise<void> {
  const roundTrip = options.roundTrips[0]!
  const sample = roundTrip.samples[0]!
  const base = parseHtypeName(roundTrip.tensor.htype ?? 'generic').base
  const htype = options.htypes.find((h) => h.name === base)
  expect(htype, `the first round trip must use one of the plugin's htypes, not "${base}"`).toBeDefined()
  const plugins = localPlugins(options)

  await withFreshRegistry(async () => {
    const path = await folders.datasetPath()
    const ds = await createDataset(path, plugins)
    let compressions: (string | null)[]
    try {
      const tensor = await ds.createTensor(TENSOR, roundTrip.tensor)
      await tensor.append(await materialize(sample.input))
      compressions = [tensor.meta.sampleCompression, tensor.meta.chunkCompression]
      await (await ds.createTensor('plain', { htype: 'generic', dtype: 'int32' })).append([1, 2, 3])
    } finally {
      await ds.close()
    }

    const bare = await openDataset(path, { readOnly: true })
    try {
      expect(bare.tensorNames).toContain(TENSOR)
      const error = catchSync(() => bare.tensor(TENSOR))
      expect(isShoalError(error, 'UNKNOWN_HTYPE'), `expected UNKNOWN_HTYPE, got ${String(error)}`).toBe(true)
      const details = error as { tensor?: string; plugin?: string; message: string }
      expect(details.tensor).toBe(TENSOR)
      expect(details.message).toContain(`"${base}"`)
      expect(details.message).toContain(TENSOR)
      if (knownHtypePackages[base] !== undefined) {
        expect(details.plugin).toBe(htype!.providedBy)
        expect(details.message).toContain(htype!.providedBy)
      }
      const plain = (await bare.tensor('plain').get(0)) as { data: ArrayLike<number> }
      expect(Array.from(plain.data), 'another tensor of the dataset').toEqual([1, 2, 3])
    } finally {
      await bare.close()
    }

    const pluginCodecs = new Set((options.codecs ?? []).map((c) => c.name))
    const missingCodec = compressions.find(
      (c) => c !== null && pluginCodecs.has(c) && findCodec(c) === undefined,
    )
    if (missingCodec) {
      const halfway = await openDataset(path, { htypes: options.htypes, readOnly: true })
      try {
        const error = catchSync(() => halfway.tensor(TENSOR))
        expect(
          isShoalError(error, 'UNKNOWN_COMPRESSION'),
          `expected UNKNOWN_COMPRESSION, got ${String(error)}`,
        ).toBe(true)
        expect((error as { tensor?: string }).tensor).toBe(TENSOR)
        expect((error as Error).message).toContain(missingCodec)
      } finally {
        await halfway.close()
      }
    }

    const full = await openDataset(path, { ...plugins, readOnly: true })
    try {
      assertSample(
        await full.tensor(TENSOR).get(0),
        sample.expected,
        'with the plugin, get(0)',
        roundTrip.compare,
      )
    } finally {
      await full.close()
    }
  })
}

function catchSync(body: () => unknown): unknown {
  try {
    body()
  } catch (error) {
    return error
  }
  return undefined
}
