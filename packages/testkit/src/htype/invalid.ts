import { createDataset, isShoalError, openDataset } from '@shoal/core'
import { expect } from 'vitest'
import { snapshotFolder, type TempFolders } from './folder.js'
import { localPlugins, TENSOR } from './plugins.js'
import { materialize } from './samples.js'
import type { HtypeConformanceOptions, InvalidSample } from './types.js'

/**
 * Appends the case's valid samples and flushes, then the bad one: the append must fail with a
 * `ShoalError` of the expected code that names the tensor and the index, the tensor's length must
 * not move, and after another flush every file of the dataset must be byte for byte as before.
 * The dataset must still accept a valid sample afterwards, and reopen with only the valid ones.
 */
export async function checkInvalidSample(
  options: HtypeConformanceOptions,
  invalid: InvalidSample,
  folders: TempFolders,
): Promise<void> {
  const plugins = localPlugins(options)
  const path = await folders.datasetPath()
  const before = invalid.before ?? []
  const ds = await createDataset(path, plugins)
  try {
    const tensor = await ds.createTensor(TENSOR, invalid.tensor)
    for (const input of before) await tensor.append(await materialize(input))
    await ds.flush()
    const files = await snapshotFolder(path)

    const error = await tensor.append(await materialize(invalid.input)).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error, `${invalid.title}: the append succeeded`).toBeDefined()
    expect(
      isShoalError(error, invalid.code),
      `${invalid.title}: expected a ShoalError ${invalid.code}, got ${String(error)}`,
    ).toBe(true)
    const details = error as { tensor?: string; index?: number; message: string }
    expect(details.tensor, `${invalid.title}: error.tensor`).toBe(TENSOR)
    expect(details.index, `${invalid.title}: error.index`).toBe(before.length)
    expect(details.message, `${invalid.title}: the message names the tensor`).toContain(TENSOR)
    expect(tensor.length, `${invalid.title}: length after the refused append`).toBe(before.length)

    await ds.flush()
    expect(await snapshotFolder(path), `${invalid.title}: files after the refused append`).toEqual(files)

    if (before.length > 0) {
      await tensor.append(await materialize(before[0]))
      expect(tensor.length, `${invalid.title}: a valid append after the refusal`).toBe(before.length + 1)
    }
  } finally {
    await ds.close()
  }
  const reopened = await openDataset(path, { ...plugins, readOnly: true })
  try {
    const expected = before.length === 0 ? 0 : before.length + 1
    expect(reopened.tensor(TENSOR).length, `${invalid.title}: length after reopening`).toBe(expected)
  } finally {
    await reopened.close()
  }
}
