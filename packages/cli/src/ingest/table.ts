import { readFile } from 'node:fs/promises'
import type { CreateTensorOptions } from '@shoal/core'
import type { Row, Source } from './runner.js'

/** Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, newlines in quotes). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      if (record.some((f) => f !== '')) records.push(record)
      record = []
      field = ''
    } else field += c
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** The htype a column gets from its values: numbers → generic, objects → json, the rest → text. */
function columnOptions(values: readonly unknown[]): CreateTensorOptions {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '')
  if (present.length > 0 && present.every((v) => typeof v === 'number'))
    return { htype: 'generic', dtype: present.every((v) => Number.isInteger(v)) ? 'int64' : 'float64' }
  if (present.some((v) => typeof v === 'object')) return { htype: 'json' }
  return { htype: 'text' }
}

/** CSV cells that look like numbers become numbers, as a user expects of a table. */
const cell = (text: string): unknown =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text

/**
 * A CSV (header row) or JSONL file: one tensor per column, htypes inferred, `overrides` (column →
 * htype) winning. Missing values become empty samples.
 */
export async function tableSource(
  file: string,
  kind: 'csv' | 'jsonl',
  overrides: Readonly<Record<string, string>>,
): Promise<Source> {
  const text = await readFile(file, 'utf8')
  let records: Record<string, unknown>[]
  if (kind === 'csv') {
    const [header, ...body] = parseCsv(text)
    if (!header) throw new Error(`${file} has no header row`)
    records = body.map((r) => Object.fromEntries(header.map((name, i) => [name, cell(r[i] ?? '')])))
  } else {
    records = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, i) => {
        try {
          return JSON.parse(line) as Record<string, unknown>
        } catch {
          throw new Error(`${file}: line ${i + 1} is not JSON`)
        }
      })
  }
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))]
  const tensors = columns.map((name) => {
    const override = overrides[name]
    const options = override ? { htype: override } : columnOptions(records.map((r) => r[name]))
    return { name, options }
  })
  const empty = (options: CreateTensorOptions) => (options.htype === 'text' ? '' : null)
  const rows: Row[] = records.map((r, i) => ({
    label: `${file}:${i + (kind === 'csv' ? 2 : 1)}`,
    values: Object.fromEntries(
      tensors.map(({ name, options }) => {
        const value = r[name]
        if (value === undefined || value === '') return [name, empty(options)]
        return [
          name,
          options.htype === 'generic' ? [value] : options.htype === 'text' ? String(value) : value,
        ]
      }),
    ),
  }))
  return { tensors, rows }
}
