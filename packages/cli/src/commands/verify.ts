import { isShoalError, openDataset } from '@shoal/core'
import { UsageError } from '../args.js'
import type { Io } from '../report-error.js'

interface Problem {
  readonly tensor: string
  readonly index?: number
  readonly code: string
  readonly key?: string
  readonly message: string
}

/**
 * `shoal verify <dataset>`: opens every tensor (hidden ones too) and reads every sample's stored
 * bytes and decoded value, so every chunk, encoder and meta is checked by the same code that
 * reads them. Exits 1 on any inconsistency, naming the key.
 */
export async function run(
  positionals: readonly string[],
  flags: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const [path] = positionals
  if (!path) throw new UsageError('shoal verify needs a dataset path or URL')
  const ds = await openDataset(path, { readOnly: true })
  const problems: Problem[] = []
  let samples = 0
  const names = [...new Set([...ds.tensorNames, ...ds.hiddenTensorNames])]
  try {
    for (const name of names) {
      let tensor: ReturnType<typeof ds.tensor>
      try {
        tensor = ds.tensor(name)
      } catch (error) {
        problems.push(problem(name, undefined, error))
        continue
      }
      for (let index = 0; index < tensor.length; index++) {
        try {
          await tensor.get(index)
          samples++
        } catch (error) {
          problems.push(problem(name, index, error))
          break // one problem per tensor: later samples usually share the cause
        }
      }
    }
  } finally {
    await ds.close()
  }
  if (flags.json) io.out(JSON.stringify({ path, tensors: names.length, samples, problems }))
  else {
    for (const p of problems)
      io.out(
        `FAIL ${p.tensor}${p.index === undefined ? '' : `[${p.index}]`}: ${p.code}${p.key ? ` at ${p.key}` : ''}: ${p.message}`,
      )
    io.out(
      `${problems.length === 0 ? 'OK' : 'FAILED'}: ${names.length} tensors, ${samples} samples read, ${problems.length} problems`,
    )
  }
  return problems.length === 0 ? 0 : 1
}

function problem(tensor: string, index: number | undefined, error: unknown): Problem {
  const code = isShoalError(error) ? error.code : 'ERROR'
  const key = isShoalError(error) ? error.key : undefined
  return {
    tensor,
    ...(index === undefined ? {} : { index }),
    code,
    ...(key ? { key } : {}),
    message: error instanceof Error ? error.message : String(error),
  }
}
