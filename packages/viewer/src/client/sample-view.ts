/**
 * The sample view: every tensor of one index. Each image tensor is drawn large with all its
 * overlays and values under the pointer; every tensor's value follows, in full.
 */
import type { SampleResponse } from '../shared/protocol.js'
import { ApiError, getJson } from './api.js'
import { renderCell } from './cells.js'
import { byId, el } from './dom.js'
import { createStage } from './stage.js'
import { matchesFilter, type ViewState } from './state.js'
import { errorTile } from './tiles.js'

let pending: AbortController | undefined
let shown: SampleResponse | undefined

/** Opens the sample view on `index` (or refreshes it there). */
export async function showSample(state: ViewState, index: number): Promise<void> {
  pending?.abort()
  const controller = new AbortController()
  pending = controller
  const section = byId('sample')
  const body = byId('sample-body')
  section.hidden = false
  section.dataset.index = String(index)
  document.body.style.overflow = 'hidden'
  byId('sample-title').textContent = `sample ${index} of ${state.summary.rows}`
  byId<HTMLButtonElement>('sample-prev').disabled = index <= 0
  byId<HTMLButtonElement>('sample-next').disabled = index + 1 >= state.summary.rows
  body.setAttribute('aria-busy', 'true')
  try {
    const sample = await getJson<SampleResponse>(`/api/sample?index=${index}`, controller.signal)
    if (controller.signal.aborted) return
    shown = sample
    body.replaceChildren(...render(state, sample))
  } catch (error) {
    if (controller.signal.aborted) return
    body.replaceChildren(
      errorTile(error instanceof ApiError ? error.json : { code: 'NETWORK', message: String(error) }, index),
    )
  } finally {
    if (pending === controller) body.removeAttribute('aria-busy')
  }
}

/** Redraws the open sample view from the sample already loaded (after the filter changed). */
export function redrawSample(state: ViewState): void {
  const body = byId('sample-body')
  if (shown && !byId('sample').hidden && !body.hasAttribute('aria-busy'))
    body.replaceChildren(...render(state, shown))
}

/** Closes the sample view. */
export function hideSample(): void {
  pending?.abort()
  shown = undefined
  byId('sample').hidden = true
  byId('sample-body').replaceChildren()
  byId('tooltip').hidden = true
  document.body.style.overflow = ''
}

function render(state: ViewState, sample: SampleResponse): HTMLElement[] {
  const out: HTMLElement[] = []
  const maxHeight = Math.max(320, window.innerHeight - 200)
  for (const composition of state.summary.compositions) {
    if (!sample.cells[composition.image]) continue
    out.push(
      el(
        'div',
        { class: 'sample-stage', 'data-image': composition.image },
        el('h3', {}, composition.image),
        createStage({
          state,
          composition,
          cells: sample.cells,
          index: sample.index,
          maxHeight,
          interactive: true,
        }),
      ),
    )
  }
  const list = el('div', { class: 'sample-cells' })
  const drawn = new Set(out.map((node) => node.dataset.image))
  for (const [name, cell] of Object.entries(sample.cells)) {
    if (drawn.has(name) || !matchesFilter(state, name)) continue
    const tensor = state.tensors.get(name)
    list.append(
      el('div', { class: 'label' }, name, el('small', {}, tensor?.htype ?? '')),
      el(
        'div',
        { class: 'value', 'data-tensor': name },
        renderCell(cell, { detail: true, index: sample.index, tensor }),
      ),
    )
  }
  out.push(list)
  return out
}
