/**
 * What the server knows about the open dataset: its visible tensors (the only names a URL may
 * use), their summaries, the group tree and the compositions. Built once at start-up from
 * metadata; nothing here reads a sample.
 */
import type { Dataset, Tensor } from '@shoal/core'
import { isShoalError } from '@shoal/core'
import { groupOf } from '../shared/htypes.js'
import type { Composition, DatasetSummary, GroupNode, TensorSummary } from '../shared/protocol.js'
import { composeOverlays } from './compose.js'
import { describeBroken, describeTensor } from './describe.js'
import { notFound } from './http-error.js'

/** Largest page of rows one request may ask for. */
export const MAX_PAGE = 96

/** An open visible tensor and its summary. */
export interface CatalogEntry {
  readonly tensor: Tensor
  readonly summary: TensorSummary
}

export class Catalog {
  readonly summary: DatasetSummary
  private readonly entries = new Map<string, CatalogEntry>()

  constructor(
    readonly dataset: Dataset,
    displayName: string,
  ) {
    const summaries: TensorSummary[] = []
    for (const name of dataset.tensorNames) {
      try {
        const tensor = dataset.tensor(name)
        const summary = describeTensor(tensor)
        this.entries.set(name, { tensor, summary })
        summaries.push(summary)
      } catch (error) {
        // A tensor this process cannot open is listed with its error; the rest stays viewable.
        if (!isShoalError(error)) throw error
        summaries.push(describeBroken(name, { code: error.code, message: error.message, tensor: name }))
      }
    }
    const compositions: Composition[] = composeOverlays(
      summaries,
      (name) => this.entries.get(name)!.tensor.info,
    )
    this.summary = {
      name: displayName,
      version: dataset.version,
      branch: dataset.branch,
      length: dataset.length,
      rows: Math.max(0, ...[...this.entries.values()].map((e) => e.summary.length)),
      tensors: summaries,
      tree: groupTree(dataset.groups, summaries),
      compositions,
      maxPage: MAX_PAGE,
    }
  }

  /** Every readable visible tensor, in dataset order. */
  get tensors(): readonly CatalogEntry[] {
    return [...this.entries.values()]
  }

  /** The visible tensor called exactly `name`; 404 for any other string. */
  entry(name: string | undefined): CatalogEntry {
    const found = name === undefined ? undefined : this.entries.get(name)
    if (!found) throw notFound(`no viewable tensor "${name ?? ''}" in this dataset`)
    return found
  }

  /** The composition of image tensor `name`, if it has one. */
  composition(name: string): Composition | undefined {
    return this.summary.compositions.find((c) => c.image === name)
  }
}

/** Groups as a tree, each listing its own tensors in dataset order. */
export function groupTree(groups: readonly string[], tensors: readonly TensorSummary[]): GroupNode {
  interface Mutable {
    name: string
    path: string
    groups: Mutable[]
    tensors: string[]
  }
  const root: Mutable = { name: '', path: '', groups: [], tensors: [] }
  const byPath = new Map<string, Mutable>([['', root]])
  const ensure = (path: string): Mutable => {
    const found = byPath.get(path)
    if (found) return found
    const parent = ensure(groupOf(path))
    const node: Mutable = { name: path.slice(path.lastIndexOf('/') + 1), path, groups: [], tensors: [] }
    parent.groups.push(node)
    byPath.set(path, node)
    return node
  }
  for (const group of groups) ensure(group)
  for (const tensor of tensors) ensure(tensor.group).tensors.push(tensor.name)
  return root
}
