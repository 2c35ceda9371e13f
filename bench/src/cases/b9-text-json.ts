/**
 * B9: captions (text htype) and small JSON objects (json htype) — ingest and scan, against a
 * JSON-lines file. zarrita has no arm: it cannot encode variable-length strings (vlen-utf8 is
 * decode-only in 0.7.5) and has no JSON data type.
 */
import { join } from 'node:path'
import { createDataset, openDataset } from '@shoal/core'
import type { Arm, ArmResult, BenchCase } from '../case.js'
import { makeCaptions, makeObjects } from '../data.js'
import { now, type RssProbe, secondsSince } from '../measure.js'
import type { Profile } from '../profiles.js'
import { storedBytes } from '../stores/disk.js'
import { scanJsonl, writeJsonl } from '../stores/jsonl.js'
import type { Workspace } from '../workspace.js'

/** One of B9's two kinds of values. */
interface Kind {
  readonly name: 'captions' | 'json'
  readonly htype: 'text' | 'json'
  readonly make: (count: number) => unknown[]
  /** A cheap per-value check: string length, or the object's id. */
  readonly check: (value: unknown) => number
}

const kinds: readonly Kind[] = [
  { name: 'captions', htype: 'text', make: makeCaptions, check: (v) => (v as string).length },
  { name: 'json', htype: 'json', make: makeObjects, check: (v) => (v as { id: number }).id },
]

/** The values and their logical size (UTF-8 bytes of each caption / of each object's JSON). */
interface Values {
  readonly values: unknown[]
  readonly bytes: number
}

function inputValues(workspace: Workspace, profile: Profile, kind: Kind): Promise<Values> {
  return workspace.memo(`${kind.name}-${profile.name}`, async () => {
    const values = kind.make(profile.texts)
    let bytes = 0
    for (const v of values) bytes += Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v))
    return { values, bytes }
  })
}

/** The stored copy (Shoal dataset + JSONL file) scans read, once per run. */
function storedValues(workspace: Workspace, profile: Profile, kind: Kind) {
  return workspace.fixture(`${kind.name}-stored`, async (dir) => {
    const input = await inputValues(workspace, profile, kind)
    await writeShoal(join(dir, 'shoal'), kind, input.values, profile.textBatch)
    writeJsonl(join(dir, 'values.jsonl'), input.values, profile.textBatch)
    return { shoal: join(dir, 'shoal'), jsonl: join(dir, 'values.jsonl'), ...input }
  })
}

async function writeShoal(path: string, kind: Kind, values: unknown[], batch: number, probe?: RssProbe) {
  const ds = await createDataset(path)
  const tensor = await ds.createTensor(kind.name, { htype: kind.htype })
  for (let start = 0; start < values.length; start += batch) {
    await tensor.extend(values.slice(start, start + batch))
    probe?.sample()
  }
  await ds.flush()
  await ds.close()
}

function casesFor(kind: Kind): BenchCase[] {
  let input: Values | undefined
  let stored: { shoal: string; jsonl: string; bytes: number } | undefined
  const ingest = (write: (path: string, context: Parameters<Arm>[0]) => Promise<void> | void): Arm => {
    return async (context) => {
      const path = join(context.dir, 'store')
      const start = now()
      await write(path, context)
      const seconds = secondsSince(start)
      return {
        n: input!.values.length,
        bytes: input!.bytes,
        seconds,
        extra: { stored_bytes: storedBytes(path) },
      }
    }
  }
  const scanned = (seconds: number, n: number, check: number): ArmResult => ({
    n,
    bytes: stored!.bytes,
    seconds,
    extra: { check },
  })
  return [
    {
      id: `B9.${kind.name}.ingest`,
      group: 'B9',
      title: `ingest ${kind.name} (${kind.htype} htype) vs JSONL`,
      settleWrites: true,
      async setup({ workspace, profile }) {
        input = await inputValues(workspace, profile, kind)
        return undefined
      },
      arms: {
        shoal: ingest((path, { profile, probe }) =>
          writeShoal(path, kind, input!.values, profile.textBatch, probe),
        ),
        'raw-node': ingest((path, { profile, probe }) =>
          writeJsonl(path, input!.values, profile.textBatch, probe),
        ),
      },
    },
    {
      id: `B9.${kind.name}.scan`,
      group: 'B9',
      title: `scan ${kind.name} (getRange batches) vs JSONL parse`,
      async setup({ workspace, profile }) {
        stored = await storedValues(workspace, profile, kind)
        return undefined
      },
      arms: {
        async shoal({ profile, probe }) {
          let check = 0
          const start = now()
          const ds = await openDataset(stored!.shoal, { readOnly: true })
          const tensor = ds.tensor(kind.name)
          for (let first = 0; first < tensor.length; first += profile.textBatch) {
            for (const value of await tensor.getRange(first, first + profile.textBatch))
              check += kind.check(value)
            probe.sample()
          }
          const n = tensor.length
          await ds.close()
          return scanned(secondsSince(start), n, check)
        },
        async 'raw-node'({ probe }) {
          let check = 0
          const start = now()
          const n = scanJsonl(
            stored!.jsonl,
            (value) => {
              check += kind.check(value)
            },
            probe,
          )
          return scanned(secondsSince(start), n, check)
        },
      },
    },
  ]
}

/** B9's cases: ingest and scan, for captions and for JSON objects. */
export const b9TextJson: BenchCase[] = kinds.flatMap(casesFor)
