/**
 * One cell per tensor and index: which builder an htype uses, whether the sample must be read
 * for it, and the error cell that replaces any sample that cannot be read.
 */
import type { SampleValue } from '@shoal/core'
import { IMAGE_HTYPES } from '../../shared/htypes.js'
import type { Cell, ErrorCell, SequenceCell, TensorSummary } from '../../shared/protocol.js'
import { errorJson } from '../error-json.js'
import { type CellContext, limitsOf, MAX_SUMMARY_ELEMENTS, type ValueSource } from './context.js'
import { boxes3dCell, boxesCell, keypointsCell, pointsCell, polygonsCell } from './geometry.js'
import { imageCell, maskCell, mediaCell, shapeCell } from './media.js'
import { arrayCell, embeddingCell, jsonCell, labelsCell, textCell } from './values.js'

/** Htypes whose files are shown by shape only: decoding a volume or a cloud is not a summary. */
const SHAPE_ONLY = new Set(['nifti', 'dicom', 'point_cloud', 'mesh'])

type ValueCellBuilder = (value: SampleValue, context: CellContext) => Cell | Promise<Cell>

/** Htypes drawn from the decoded sample value, and the builder of each one's cell. */
const VALUE_CELLS = new Map<string, ValueCellBuilder>([
  ['bbox', boxesCell],
  ['bbox.3d', boxes3dCell],
  ['keypoints_coco', keypointsCell],
  ['polygon', polygonsCell],
  ['point', pointsCell],
  ['class_label', labelsCell],
  ['text', textCell],
  ['json', (value, context) => jsonCell('json', value, context)],
  ['list', (value, context) => jsonCell('list', value, context)],
  ['tag', (value, context) => jsonCell('list', value, context)],
  ['embedding', embeddingCell],
])

const maxElements = (summary: TensorSummary): number =>
  summary.shape.slice(1).reduce<number>((n, d) => n * (d ?? Number.POSITIVE_INFINITY), 1)

/**
 * Whether a page reads this tensor's samples in one batch: values the cell is made of, and plain
 * arrays whose largest sample is small enough to summarise. Pictures, masks and files are not
 * read for a page; the browser asks for them one by one when they scroll into view.
 */
export function readsInBatch(summary: TensorSummary): boolean {
  if (summary.isLink) return false
  if (summary.isSequence) return !IMAGE_HTYPES.has(summary.baseHtype) && VALUE_CELLS.has(summary.baseHtype)
  if (VALUE_CELLS.has(summary.baseHtype)) return true
  return !isPictureOrFile(summary.baseHtype) && maxElements(summary) <= MAX_SUMMARY_ELEMENTS
}

function isPictureOrFile(htype: string): boolean {
  return (
    IMAGE_HTYPES.has(htype) ||
    htype === 'segment_mask' ||
    htype === 'binary_mask' ||
    htype === 'video' ||
    htype === 'audio' ||
    SHAPE_ONLY.has(htype)
  )
}

/** A cell that says sample `index` of this tensor cannot be shown, and why. */
export function errorCell(error: unknown, context: CellContext): ErrorCell {
  return {
    kind: 'error',
    error: errorJson(error, context.scrub, { tensor: context.entry.tensor.name, index: context.index }),
  }
}

/** The cell of one tensor at one index; any failure becomes an error cell naming the index. */
export async function buildCell(context: CellContext, read: ValueSource): Promise<Cell> {
  try {
    const { summary } = context.entry
    if (summary.isSequence) return await sequenceCell(context, read)
    if (summary.isLink && !IMAGE_HTYPES.has(summary.baseHtype)) return await linkCell(context)
    return await itemCell(summary.baseHtype, context, read)
  } catch (error) {
    return errorCell(error, context)
  }
}

/** A plain (not sequence) sample, or one item of a sequence when `context.item` is set. */
async function itemCell(htype: string, context: CellContext, read: ValueSource): Promise<Cell> {
  if (IMAGE_HTYPES.has(htype)) return imageCell(context)
  // Masks and media inside sequences have no URL of their own: their shape stands in.
  if (context.item !== undefined && isPictureOrFile(htype)) return itemShapeCell(context)
  if (htype === 'segment_mask' || htype === 'binary_mask') return maskCell(htype, context)
  if (htype === 'video' || htype === 'audio') return mediaCell(htype, context)
  if (SHAPE_ONLY.has(htype)) return shapeCell(context)
  if (!VALUE_CELLS.has(htype) && !(await smallEnough(context))) {
    const { summary, tensor } = context.entry
    return {
      kind: 'array',
      htype: summary.htype,
      dtype: tensor.dtype ?? '?',
      shape: await itemShape(context),
    }
  }
  const value = await read()
  if (value === null || value === undefined) return { kind: 'empty' }
  return (VALUE_CELLS.get(htype) ?? arrayCell)(value, context)
}

/** The stored shape of the sample, or of its item for a sequence. */
async function itemShape(context: CellContext): Promise<number[]> {
  const shape = await context.entry.tensor.sampleShape(context.index)
  return context.item === undefined ? (shape as number[]) : ((shape as number[][])[context.item] ?? [])
}

async function smallEnough(context: CellContext): Promise<boolean> {
  const { summary } = context.entry
  if (!summary.isSequence && maxElements(summary) <= MAX_SUMMARY_ELEMENTS) return true
  return (await itemShape(context)).reduce((n, d) => n * d, 1) <= MAX_SUMMARY_ELEMENTS
}

/** A sequence: its length and its first items, each drawn as a sample of the wrapped htype. */
async function sequenceCell(context: CellContext, read: ValueSource): Promise<SequenceCell> {
  const { summary, tensor } = context.entry
  const shapes = (await tensor.sampleShape(context.index)) as number[][]
  const shown = Math.min(shapes.length, limitsOf(context).items)
  // The whole sequence is read at most once, and only when an item's cell needs its value.
  let all: Promise<SampleValue[]> | undefined
  const items: Cell[] = []
  for (let item = 0; item < shown; item++) {
    const value = async () => {
      all ??= read() as Promise<SampleValue[]>
      return (await all)[item]!
    }
    items.push(await itemCell(summary.baseHtype, { ...context, item }, value))
  }
  return { kind: 'sequence', length: shapes.length, items }
}

async function itemShapeCell(context: CellContext): Promise<Cell> {
  return { kind: 'shape', htype: context.entry.summary.baseHtype, shape: await itemShape(context) }
}

/** A link to a file the viewer does not draw: its stored path. */
async function linkCell(context: CellContext): Promise<Cell> {
  const link = await context.entry.tensor.getLink(context.index)
  const paths = Array.isArray(link) ? link.map((l) => l.path) : [link.path]
  return { kind: 'text', text: paths.join('\n'), truncated: 0 }
}
