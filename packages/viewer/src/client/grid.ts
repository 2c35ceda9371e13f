/**
 * The grid: one page of rows from `/api/rows`, a card per index with the composed picture and
 * the other tensors' values. Pictures load lazily, so the page shows as soon as its JSON arrives.
 */
import type { Row, RowsResponse } from '../shared/protocol.js'
import { ApiError, getJson } from './api.js'
import { renderCell } from './cells.js'
import { byId, el } from './dom.js'
import { createStage } from './stage.js'
import { matchesFilter, type ViewState } from './state.js'
import { errorTile } from './tiles.js'

/** Height of a card's picture on screen. */
const CARD_PICTURE_HEIGHT = 220

let pending: AbortController | undefined
/** The page on screen, kept so a filter or image change redraws it without asking the server again. */
let shown: RowsResponse | undefined

/** The tensors a card lists below its picture: not the picture, not its overlays (they are drawn). */
function listedTensors(state: ViewState, row: Row): string[] {
  const drawn = new Set([
    state.composition?.image,
    ...(state.composition?.overlays.map((o) => o.tensor) ?? []),
  ])
  return Object.keys(row.cells).filter((name) => !drawn.has(name) && matchesFilter(state, name))
}

function card(state: ViewState, row: Row, open: (index: number) => void): HTMLElement {
  const node = el('article', {
    class: 'card',
    tabindex: 0,
    'data-index': row.index,
    'aria-label': `sample ${row.index}`,
  })
  node.append(el('div', { class: 'index' }, `#${row.index}`))
  if (state.composition) {
    node.append(
      createStage({
        state,
        composition: state.composition,
        cells: row.cells,
        index: row.index,
        maxHeight: CARD_PICTURE_HEIGHT,
        interactive: false,
      }),
    )
  }
  const cells = el('div', { class: 'cells' })
  for (const name of listedTensors(state, row)) {
    const cell = row.cells[name]!
    cells.append(
      el('div', { class: 'label', title: state.tensors.get(name)?.htype }, name),
      el(
        'div',
        { class: 'value', 'data-tensor': name },
        renderCell(cell, { detail: false, index: row.index, tensor: state.tensors.get(name) }),
      ),
    )
  }
  if (cells.childElementCount > 0) node.append(cells)
  node.addEventListener('click', (event) => {
    // Players and links inside a card keep their own clicks.
    if ((event.target as Element).closest('video, audio, a, button, input, select')) return
    open(row.index)
  })
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target === node) open(row.index)
  })
  return node
}

/** Loads and shows the page of rows starting at `start`. */
export async function showPage(
  state: ViewState,
  start: number,
  open: (index: number) => void,
): Promise<void> {
  pending?.abort()
  const controller = new AbortController()
  pending = controller
  const grid = byId('grid')
  const { rows } = state.summary
  byId('range').textContent =
    rows === 0 ? 'no rows' : `${start}–${Math.min(rows, start + state.pageSize) - 1} of ${rows}`
  byId<HTMLButtonElement>('prev').disabled = start <= 0
  byId<HTMLButtonElement>('next').disabled = start + state.pageSize >= rows
  if (rows === 0) {
    grid.replaceChildren(el('div', { class: 'status' }, 'This dataset has no rows.'))
    return
  }
  grid.setAttribute('aria-busy', 'true')
  try {
    const page = await getJson<RowsResponse>(
      `/api/rows?start=${start}&count=${state.pageSize}`,
      controller.signal,
    )
    if (controller.signal.aborted) return
    shown = page
    grid.replaceChildren(...page.rows.map((row) => card(state, row, open)))
    grid.dataset.start = String(start)
  } catch (error) {
    if (controller.signal.aborted) return
    const json = error instanceof ApiError ? error.json : { code: 'NETWORK', message: String(error) }
    grid.replaceChildren(errorTile(json))
  } finally {
    if (pending === controller) grid.removeAttribute('aria-busy')
  }
}

/** Redraws the page on screen from the rows already loaded (after the filter or image changed). */
export function redrawPage(state: ViewState, open: (index: number) => void): void {
  // A page still loading draws itself with the new state when it arrives.
  if (shown && !byId('grid').hasAttribute('aria-busy'))
    byId('grid').replaceChildren(...shown.rows.map((row) => card(state, row, open)))
}
