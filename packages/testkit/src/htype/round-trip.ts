import { createDataset, openDataset, type Tensor } from '@shoal/core'
import { expect } from 'vitest'
import type { TempFolders } from './folder.js'
import { localPlugins, TENSOR } from './plugins.js'
import { assertSample, expectedShape, materialize } from './samples.js'
import type { HtypeConformanceOptions, RoundTripCase, ValidSample } from './types.js'

/**
 * Writes the case's samples (the first with `append`, the rest with one `extend`), flushes and
 * reads them back in the same session, then after close and reopen, then appends once more to the
 * reopened dataset: every read path (get, getRange, iteration, sampleShape) must give the expected
 * values each time.
 */
export async function checkRoundTrip(
  options: HtypeConformanceOptions,
  roundTrip: RoundTripCase,
  folders: TempFolders,
): Promise<void> {
  const { samples } = roundTrip
  if (samples.length === 0) throw new Error(`round trip "${roundTrip.title}" lists no samples`)
  const plugins = localPlugins(options)
  const path = await folders.datasetPath()

  const ds = await createDataset(path, plugins)
  try {
    const tensor = await ds.createTensor(TENSOR, roundTrip.tensor)
    await tensor.append(await materialize(samples[0]!.input))
    const rest = await Promise.all(samples.slice(1).map((s) => materialize(s.input)))
    if (rest.length > 0) await tensor.extend(rest)
    expect(tensor.length, 'length after writing').toBe(samples.length)
    await ds.flush()
    await readAll(tensor, samples, roundTrip, 'after flush')
  } finally {
    await ds.close()
  }

  const reopened = await openDataset(path, { ...plugins, readOnly: true })
  try {
    await readAll(reopened.tensor(TENSOR), samples, roundTrip, 'after reopen')
  } finally {
    await reopened.close()
  }

  // A reopened dataset keeps accepting samples after the ones a closed session wrote.
  const writable = await openDataset(path, plugins)
  try {
    await writable.tensor(TENSOR).append(await materialize(samples[0]!.input))
  } finally {
    await writable.close()
  }
  const last = await openDataset(path, { ...plugins, readOnly: true })
  try {
    await readAll(
      last.tensor(TENSOR),
      [...samples, samples[0]!],
      roundTrip,
      'after appending to the reopened dataset',
    )
  } finally {
    await last.close()
  }
}

async function readAll(
  tensor: Tensor,
  samples: readonly ValidSample[],
  roundTrip: RoundTripCase,
  phase: string,
): Promise<void> {
  const label = (i: number) => `${roundTrip.title}, ${phase}, ${samples[i]!.title ?? `sample ${i}`}`
  expect(tensor.length, `${roundTrip.title}, ${phase}: length`).toBe(samples.length)
  for (let i = 0; i < samples.length; i++) {
    assertSample(await tensor.get(i), samples[i]!.expected, `${label(i)}: get(${i})`, roundTrip.compare)
    const shape = expectedShape(samples[i]!.expected)
    if (shape) expect(await tensor.sampleShape(i), `${label(i)}: sampleShape(${i})`).toEqual([...shape])
  }
  const range = await tensor.getRange(0, samples.length)
  expect(range.length, `${roundTrip.title}, ${phase}: getRange length`).toBe(samples.length)
  range.forEach((value, i) => {
    assertSample(
      value,
      samples[i]!.expected,
      `${label(i)}: getRange(0, ${samples.length})[${i}]`,
      roundTrip.compare,
    )
  })
  const iterated: unknown[] = []
  for await (const value of tensor) iterated.push(value)
  expect(iterated.length, `${roundTrip.title}, ${phase}: iteration length`).toBe(samples.length)
  iterated.forEach((value, i) => {
    assertSample(value, samples[i]!.expected, `${label(i)}: iteration [${i}]`, roundTrip.compare)
  })
}
