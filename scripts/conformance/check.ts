import { type Dataset, isShoalError, type NDArray, openDataset, type Tensor } from '@shoal/core'
import { compareArray, jsonEqual, sha256Bytes } from './compare.js'
import type { ArraySampleSpec, DatasetSpec, SampleSpec, TensorSpec } from './schema.js'

/** One reported line: PASS, FAIL or SKIP of a subject such as `generic@main/int32_1d`. */
export interface CheckResult {
  readonly status: 'PASS' | 'FAIL' | 'SKIP'
  readonly subject: string
  readonly reason?: string
}

const MAX_ERRORS = 8

/** The stored-plugin error that means "this package is not installed yet": reported as SKIP. */
function missingPlugin(error: unknown): string | undefined {
  if (isShoalError(error) && (error.code === 'UNKNOWN_HTYPE' || error.code === 'UNKNOWN_COMPRESSION')) {
    return error.plugin
  }
  return undefined
}

async function checkSample(tensor: Tensor, index: number, spec: SampleSpec, errors: string[]): Promise<void> {
  const where = `sample ${index}`
  const value = await tensor.get(index)
  if ('value' in spec) {
    const got =
      value && typeof value === 'object' && 'data' in (value as object)
        ? Array.from((value as NDArray).data as ArrayLike<number>)
        : value
    if (!jsonEqual(got, spec.value)) {
      errors.push(`${where}: value ${JSON.stringify(got)} != expected ${JSON.stringify(spec.value)}`)
    }
    return
  }
  if ('items' in spec || 'polygons' in spec) {
    const kind = 'items' in spec ? 'items' : 'polygons'
    const expected = 'items' in spec ? spec.items : spec.polygons
    const got = value as NDArray[]
    if (!Array.isArray(got) || got.length !== expected.length) {
      errors.push(
        `${where}: ${Array.isArray(got) ? got.length : 'no'} ${kind} != expected ${expected.length}`,
      )
      return
    }
    for (const [j, item] of expected.entries()) compareArray(item, got[j]!, `${where}.${kind}[${j}]`, errors)
    return
  }
  const arraySpec = spec as ArraySampleSpec
  compareArray(arraySpec, value as NDArray, where, errors)
  if (arraySpec.text !== undefined) {
    const names = await tensor.labelNames(index)
    if (!jsonEqual(names, arraySpec.text)) {
      errors.push(
        `${where}: label text ${JSON.stringify(names)} != expected ${JSON.stringify(arraySpec.text)}`,
      )
    }
  }
  if (arraySpec.path !== undefined) {
    const link = await tensor.getLink(index)
    const path = Array.isArray(link) ? (link[0]?.path ?? '') : link.path
    if (path !== arraySpec.path)
      errors.push(`${where}: link path ${JSON.stringify(path)} != expected ${JSON.stringify(arraySpec.path)}`)
  }
  if (arraySpec.raw_sha256 !== undefined) {
    const got = sha256Bytes(await tensor.getBytes(index))
    if (got !== arraySpec.raw_sha256)
      errors.push(`${where}: stored bytes sha256 ${got.slice(0, 12)}.. != expected`)
  }
}

/** Checks one tensor against its spec; returns the reasons it failed (empty = pass). */
async function checkTensor(ds: Dataset, name: string, spec: TensorSpec): Promise<string[]> {
  if (!ds.tensorNames.includes(name))
    return [`tensor missing (have ${JSON.stringify([...ds.tensorNames].sort())})`]
  const tensor = ds.tensor(name)
  const errors: string[] = []
  const actual: Record<string, unknown> = {
    htype: tensor.htype,
    dtype: tensor.dtype,
    length: tensor.length,
    sample_compression: tensor.meta.sampleCompression,
    chunk_compression: tensor.meta.chunkCompression,
    is_sequence: tensor.isSequence,
    is_link: tensor.isLink,
  }
  for (const [key, got] of Object.entries(actual)) {
    const want = (spec as Record<string, unknown>)[key]
    if (want !== undefined && want !== got)
      errors.push(`${key} ${JSON.stringify(got)} != expected ${JSON.stringify(want)}`)
  }
  for (const [key, want] of Object.entries(spec.info ?? {})) {
    const got = tensor.info[key] ?? null
    if (!jsonEqual(got, want))
      errors.push(`info.${key} ${JSON.stringify(got)} != expected ${JSON.stringify(want)}`)
  }
  const samples = spec.samples
  if (samples) {
    if (samples.length !== tensor.length)
      errors.push(`${tensor.length} samples != ${samples.length} expected`)
    const count = Math.min(samples.length, tensor.length)
    for (let i = 0; i < count; i++) {
      try {
        await checkSample(tensor, i, samples[i]!, errors)
      } catch (error) {
        if (missingPlugin(error)) throw error
        errors.push(`sample ${i}: ${isShoalError(error) ? `${error.code}: ` : ''}${(error as Error).message}`)
      }
      if (errors.length > MAX_ERRORS) {
        errors.push('(more errors not shown)')
        break
      }
    }
  }
  return errors
}

async function checkTensors(
  ds: Dataset,
  label: string,
  ref: string,
  tensors: Record<string, TensorSpec>,
  results: CheckResult[],
): Promise<void> {
  for (const [name, spec] of Object.entries(tensors)) {
    const subject = `${label}@${ref}/${name}`
    try {
      const errors = await checkTensor(ds, name, spec)
      results.push(
        errors.length ? { status: 'FAIL', subject, reason: errors.join('; ') } : { status: 'PASS', subject },
      )
    } catch (error) {
      const plugin = missingPlugin(error)
      if (plugin) results.push({ status: 'SKIP', subject, reason: `needs ${plugin}` })
      else results.push({ status: 'FAIL', subject, reason: describe(error) })
    }
  }
}

function describe(error: unknown): string {
  return isShoalError(error) ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error)
}

/**
 * Opens the dataset at `path` and checks it against `spec` as read_dataset.py does: tensor names,
 * version control, every tensor of the default checkout, then every listed version.
 */
export async function checkDataset(
  path: string,
  spec: DatasetSpec,
  label: string,
  linkBase: string,
): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  let ds: Dataset
  try {
    ds = await openDataset(path, { linkBase })
  } catch (error) {
    return [{ status: 'FAIL', subject: `${label}: open`, reason: describe(error) }]
  }
  try {
    if (spec.tensor_names) {
      const got = [...ds.tensorNames].sort()
      const want = [...spec.tensor_names].sort()
      results.push(
        jsonEqual(got, want)
          ? { status: 'PASS', subject: `${label}: tensor names` }
          : {
              status: 'FAIL',
              subject: `${label}: tensor names`,
              reason: `${JSON.stringify(got)} != ${JSON.stringify(want)}`,
            },
      )
    }
    const vc = spec.version_control
    if (vc) {
      const errors: string[] = []
      if (vc.branches && !jsonEqual([...ds.branches].sort(), [...vc.branches].sort())) {
        errors.push(`branches ${JSON.stringify(ds.branches)} != ${JSON.stringify(vc.branches)}`)
      }
      const have = new Map(ds.commits.map((c) => [c.id, c.message]))
      for (const commit of vc.commits ?? []) {
        if (!have.has(commit.commit)) errors.push(`commit ${commit.commit} missing`)
        else if (commit.message !== undefined && have.get(commit.commit) !== commit.message) {
          errors.push(`commit ${commit.commit} message ${JSON.stringify(have.get(commit.commit))}`)
        }
      }
      results.push(
        errors.length
          ? { status: 'FAIL', subject: `${label}: version control`, reason: errors.join('; ') }
          : { status: 'PASS', subject: `${label}: version control` },
      )
    }
    await checkTensors(ds, label, 'main', spec.tensors ?? {}, results)
  } finally {
    await ds.close()
  }
  for (const version of spec.versions ?? []) {
    let checkout: Dataset
    try {
      checkout = await openDataset(path, { linkBase, version: version.checkout })
    } catch (error) {
      results.push({
        status: 'FAIL',
        subject: `${label}@${version.checkout}: checkout`,
        reason: describe(error),
      })
      continue
    }
    try {
      await checkTensors(checkout, label, version.checkout, version.tensors ?? {}, results)
    } finally {
      await checkout.close()
    }
  }
  return results
}
