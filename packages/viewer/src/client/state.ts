/** The page's state: the dataset summary, which image and overlays are shown, the filter, the page. */
import type { Composition, DatasetSummary, TensorSummary } from '../shared/protocol.js'

export interface ViewState {
  readonly summary: DatasetSummary
  readonly tensors: ReadonlyMap<string, TensorSummary>
  /** The image tensor the grid composes, if the dataset has one. */
  composition: Composition | undefined
  /** Overlay tensors switched off (every overlay is on at first). */
  readonly hidden: Set<string>
  /** Lower-cased filter text; tensors whose name or htype lacks it are not listed. */
  filter: string
  pageSize: number
}

export function createState(summary: DatasetSummary): ViewState {
  return {
    summary,
    tensors: new Map(summary.tensors.map((t) => [t.name, t])),
    // The grid starts on the image tensor with the most to draw on it.
    composition: summary.compositions.reduce<Composition | undefined>(
      (best, c) => (best === undefined || c.overlays.length > best.overlays.length ? c : best),
      undefined,
    ),
    hidden: new Set(),
    filter: '',
    pageSize: 24,
  }
}

/** Whether a tensor passes the sidebar filter. */
export function matchesFilter(state: ViewState, name: string): boolean {
  if (state.filter === '') return true
  const tensor = state.tensors.get(name)
  return (
    name.toLowerCase().includes(state.filter) || (tensor?.htype.toLowerCase().includes(state.filter) ?? false)
  )
}

/** How each drawn picture redraws itself; looked up from the DOM, so removed pictures are simply gone. */
const redrawers = new WeakMap<Element, () => void>()

/** Registers the redraw of a `.stage` element. */
export function onRedraw(stage: HTMLElement, redraw: () => void): void {
  redrawers.set(stage, redraw)
}

/** Redraws every picture on the page (after an overlay is switched on or off). */
export function redrawAll(): void {
  for (const stage of document.querySelectorAll('.stage')) redrawers.get(stage)?.()
}
