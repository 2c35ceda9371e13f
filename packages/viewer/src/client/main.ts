/**
 * The viewer page: loads the dataset summary, then follows the location hash — `#/rows/N` is the
 * grid page starting at row N, `#/sample/N` the sample view — so the back button and reloads work.
 * Keys: ← → (and Page Up / Page Down) page, Home / End jump, `/` filters tensors, Esc closes.
 */
import type { DatasetSummary } from '../shared/protocol.js'
import { ApiError, getJson } from './api.js'
import { byId } from './dom.js'
import { redrawPage, showPage } from './grid.js'
import { hideSample, redrawSample, showSample } from './sample-view.js'
import { renderSidebar } from './sidebar.js'
import { createState, redrawAll, type ViewState } from './state.js'
import { errorTile } from './tiles.js'
import { renderToolbar } from './toolbar.js'

type Place = { view: 'rows'; start: number } | { view: 'sample'; index: number }

function readHash(state: ViewState): Place {
  const match = /^#\/(rows|sample)\/(\d+)$/.exec(location.hash)
  const rows = state.summary.rows
  if (match?.[1] === 'sample')
    return { view: 'sample', index: Math.min(Number(match[2]), Math.max(0, rows - 1)) }
  const start = match ? Number(match[2]) : 0
  return { view: 'rows', start: Math.max(0, Math.min(start, lastPageStart(state))) }
}

const lastPageStart = (state: ViewState) =>
  Math.max(0, Math.floor((state.summary.rows - 1) / state.pageSize) * state.pageSize)

function start(state: ViewState): void {
  /** Moves to a place: through the hash (history), or directly when the hash is already there. */
  const go = (place: Place) => {
    const hash = place.view === 'rows' ? `#/rows/${place.start}` : `#/sample/${place.index}`
    if (location.hash === hash) void render()
    else location.hash = hash
  }
  const open = (index: number) => go({ view: 'sample', index })
  const actions = {
    toggleOverlay(tensor: string) {
      if (state.hidden.has(tensor)) state.hidden.delete(tensor)
      else state.hidden.add(tensor)
      renderToolbar(state, actions)
      renderSidebar(state, actions)
      redrawAll()
    },
    chooseImage(tensor: string) {
      state.composition = state.summary.compositions.find((c) => c.image === tensor)
      renderToolbar(state, actions)
      renderSidebar(state, actions)
      redrawPage(state, open)
    },
  }
  let gridStart: number | undefined
  const render = async () => {
    const place = readHash(state)
    if (place.view === 'sample') {
      await showSample(state, place.index)
      // Coming back from the sample view lands on the page holding it.
      if (gridStart === undefined) {
        gridStart = Math.floor(place.index / state.pageSize) * state.pageSize
        await showPage(state, gridStart, open)
      }
      return
    }
    hideSample()
    gridStart = place.start
    await showPage(state, place.start, open)
  }

  const step = (direction: -1 | 1 | 'first' | 'last') => {
    const place = readHash(state)
    if (place.view === 'sample') {
      const index =
        direction === 'first' ? 0 : direction === 'last' ? state.summary.rows - 1 : place.index + direction
      if (index >= 0 && index < state.summary.rows) go({ view: 'sample', index })
      return
    }
    const next =
      direction === 'first'
        ? 0
        : direction === 'last'
          ? lastPageStart(state)
          : place.start + direction * state.pageSize
    if (next >= 0 && next < Math.max(1, state.summary.rows)) go({ view: 'rows', start: next })
  }

  byId('prev').addEventListener('click', () => step(-1))
  byId('next').addEventListener('click', () => step(1))
  byId('sample-prev').addEventListener('click', () => step(-1))
  byId('sample-next').addEventListener('click', () => step(1))
  byId('sample-close').addEventListener('click', () => go({ view: 'rows', start: gridStart ?? 0 }))
  const pageSize = byId<HTMLSelectElement>('page-size')
  pageSize.addEventListener('change', () => {
    state.pageSize = Number(pageSize.value)
    const place = readHash(state)
    go({
      view: 'rows',
      start: place.view === 'rows' ? Math.floor(place.start / state.pageSize) * state.pageSize : 0,
    })
  })
  const filter = byId<HTMLInputElement>('filter')
  const applyFilter = () => {
    state.filter = filter.value.trim().toLowerCase()
    renderSidebar(state, actions)
    redrawPage(state, open)
    redrawSample(state)
  }
  filter.addEventListener('input', applyFilter)

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const target = event.target as Element
    // Keys go to fields that use them; a checkbox or button keeps the page's keys working.
    const typing =
      target.closest('textarea, select, video, audio, [contenteditable]') ||
      (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type))
    if (event.key === 'Escape') {
      // In the filter, Esc first clears it (the same in every browser), then leaves it.
      if (target === filter) {
        event.preventDefault()
        if (filter.value === '') filter.blur()
        else {
          filter.value = ''
          applyFilter()
        }
      } else if (!byId('sample').hidden) go({ view: 'rows', start: gridStart ?? 0 })
      return
    }
    if (typing) return
    const keys: Record<string, () => void> = {
      '/': () => filter.focus(),
      ArrowRight: () => step(1),
      PageDown: () => step(1),
      ArrowLeft: () => step(-1),
      PageUp: () => step(-1),
      Home: () => step('first'),
      End: () => step('last'),
    }
    const run = keys[event.key]
    if (!run) return
    event.preventDefault()
    run()
  })
  window.addEventListener('hashchange', () => void render())

  renderToolbar(state, actions)
  renderSidebar(state, actions)
  void render()
}

async function boot(): Promise<void> {
  try {
    const summary = await getJson<DatasetSummary>('/api/dataset')
    document.title = `${summary.name} · Shoal viewer`
    byId('title').textContent = summary.name
    byId('dataset-meta').textContent =
      `${summary.rows} rows · ${summary.tensors.length} tensors · ${summary.branch} @ ${summary.version.slice(0, 10)}`
    start(createState(summary))
  } catch (error) {
    const json = error instanceof ApiError ? error.json : { code: 'NETWORK', message: String(error) }
    byId('grid').replaceChildren(errorTile(json))
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void boot())
else void boot()
