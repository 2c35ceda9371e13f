/**
 * Above the grid: which image tensor the rows show, a switch per overlay tensor (in its colour),
 * and the class legend of each segment mask from its `class_names`.
 */
import { classColor, isBackgroundClass, toHex } from '../shared/palette.js'
import { byId, el, withColor } from './dom.js'
import type { ViewState } from './state.js'
import { legend } from './tiles.js'

export interface ToolbarActions {
  readonly toggleOverlay: (tensor: string) => void
  readonly chooseImage: (tensor: string) => void
}

export function renderToolbar(state: ViewState, actions: ToolbarActions): void {
  const toolbar = byId('toolbar')
  toolbar.replaceChildren()
  const { compositions } = state.summary
  if (compositions.length > 1) {
    const select = el(
      'select',
      { id: 'image-tensor', 'aria-label': 'Image tensor' },
      ...compositions.map((c) =>
        el('option', { value: c.image, selected: c === state.composition }, c.image),
      ),
    )
    select.addEventListener('change', () => actions.chooseImage(select.value))
    toolbar.append(el('label', {}, 'image ', select))
  } else if (state.composition) {
    toolbar.append(el('span', { class: 'more' }, state.composition.image))
  }
  for (const overlay of state.composition?.overlays ?? []) {
    const input = el('input', {
      type: 'checkbox',
      checked: !state.hidden.has(overlay.tensor),
      'data-overlay': overlay.tensor,
    })
    input.addEventListener('change', () => actions.toggleOverlay(overlay.tensor))
    const tensor = state.tensors.get(overlay.tensor)
    const toggle = el(
      'label',
      { class: 'toggle', title: `${overlay.tensor} (${tensor?.htype ?? overlay.kind})` },
      input,
      withColor(el('span', { class: 'swatch-line' }), overlay.color),
      overlay.tensor,
    )
    toolbar.append(toggle)
    const names = tensor?.classNames
    if (overlay.kind === 'segment_mask' && names) {
      const entries = names
        .map((name, id) => ({ name, id }))
        .filter(({ id }) => !isBackgroundClass(id, names))
        .map(({ name, id }) => ({ name, color: toHex(classColor(id)) }))
      toolbar.append(legend(entries))
    }
  }
  if (compositions.length === 0)
    toolbar.append(el('span', { class: 'more' }, 'no image tensor: rows show every tensor'))
}
