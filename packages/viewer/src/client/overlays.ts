/** What one picture's overlays hold at one index, and how labels pair with boxes and mask objects. */
import type { Cell, Composition, LabelsCell, MaskInfo, OverlaySpec } from '../shared/protocol.js'
import type { ViewState } from './state.js'

/** The overlays of a composition that are switched on and have a drawable cell at this index. */
export function activeOverlays(
  state: ViewState,
  composition: Composition,
  cells: Readonly<Record<string, Cell>>,
): { spec: OverlaySpec; cell: Cell }[] {
  return composition.overlays
    .filter((spec) => !state.hidden.has(spec.tensor))
    .flatMap((spec) => {
      const cell = cells[spec.tensor]
      return cell && cell.kind !== 'error' && cell.kind !== 'empty' ? [{ spec, cell }] : []
    })
}

/** How many objects a cell draws (boxes, polygons, keypoint objects, mask channels). */
export function objectCount(cell: Cell, mask?: MaskInfo): number | undefined {
  switch (cell.kind) {
    case 'bbox':
      return cell.ltrb.length
    case 'polygon':
      return cell.polygons.length
    case 'keypoints_coco':
      return cell.objects.length
    case 'binary_mask':
      return mask?.objects?.length
    default:
      return undefined
  }
}

/**
 * Names for each object of a cell: the labels of the first class_label overlay (switched on)
 * with exactly as many labels as the cell has objects, as Deep Lake pairs boxes with labels.
 */
export function labelsFor(
  count: number | undefined,
  active: readonly { spec: OverlaySpec; cell: Cell }[],
): string[] | undefined {
  if (!count) return undefined
  const match = active.find(
    ({ spec, cell }) =>
      spec.kind === 'class_label' && cell.kind === 'class_label' && cell.labels.length === count,
  )
  return match ? (match.cell as LabelsCell).labels.map((l) => l.name ?? String(l.id)) : undefined
}
