import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { WORKER_SOURCE } from './worker-source.js'

/** One decode request: which decoder, the absolute path of its module (if any), and the bytes. */
export interface WorkerJob {
  readonly kind: 'audio' | 'dicom' | 'nifti'
  readonly module?: string
  readonly bytes: Uint8Array
  /** DICOM transfer syntaxes the worker may decode. */
  readonly syntaxes?: readonly string[]
  /** NIfTI: how to read the voxel bytes (`bytes` is the image data only). */
  readonly volume?: {
    readonly dtype: string
    readonly shape: readonly number[]
    readonly littleEndian: boolean
    readonly slope: number
    readonly inter: number
    readonly scaled: boolean
  }
}

interface Pending {
  resolve(value: unknown): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

interface Slot {
  worker: Worker
  pending: Map<number, Pending>
}

/** A worker may not take longer than this for one file; it is then terminated. */
const JOB_TIMEOUT_MS = 120_000
const size = Math.max(1, availableParallelism())
const slots: Slot[] = []
let nextId = 0
let nextSlot = 0

function startSlot(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true })
  const slot: Slot = { worker, pending: new Map() }
  worker.unref() // idle workers never keep the process alive
  worker.on('message', (message: { id: number; value?: unknown; error?: string }) => {
    const pending = slot.pending.get(message.id)
    if (!pending) return
    slot.pending.delete(message.id)
    clearTimeout(pending.timer)
    if (slot.pending.size === 0) worker.unref()
    if (message.error !== undefined) pending.reject(new Error(message.error))
    else pending.resolve(message.value)
  })
  const fail = (error: Error) => {
    const index = slots.indexOf(slot)
    if (index >= 0) slots.splice(index, 1)
    for (const pending of slot.pending.values()) {
      clearTimeout(pending.timer)
      pending.reject(error)
    }
    slot.pending.clear()
  }
  worker.on('error', fail)
  worker.on('exit', (code) => fail(new Error(`the decode worker exited with code ${code}`)))
  return slot
}

/** Runs a decode in one of up to one-per-core worker threads, round robin. */
export function runInWorker<T>(job: WorkerJob): Promise<T> {
  if (slots.length < size) slots.push(startSlot())
  const slot = slots[nextSlot++ % slots.length]!
  const id = nextId++
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`decoding did not finish within ${JOB_TIMEOUT_MS} ms`))
      void slot.worker.terminate()
    }, JOB_TIMEOUT_MS)
    slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer })
    slot.worker.ref()
    // A copy, so the caller's chunk buffer is never detached.
    const bytes = job.bytes.slice()
    const { kind, module, syntaxes, volume } = job
    slot.worker.postMessage({ id, kind, module, syntaxes, volume, bytes }, [bytes.buffer])
  })
}

/** Stops every worker (tests, or a host shutting down). */
export async function stopWorkers(): Promise<void> {
  const all = slots.splice(0)
  await Promise.all(all.map((s) => s.worker.terminate()))
}
