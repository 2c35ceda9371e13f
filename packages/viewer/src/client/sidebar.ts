/**
 * The tensor tree: groups as folding sections, each tensor with its htype, dtype, length and
 * shape. The filter hides tensors whose name and htype lack its text. Clicking an overlay tensor
 * switches it on or off; clicking an image tensor composes the grid on it.
 */
import type { GroupNode, TensorSummary } from '../shared/protocol.js'
import { byId, el, formatShape, withColor } from './dom.js'
import { matchesFilter, type ViewState } from './state.js'

export interface SidebarActions {
  readonly toggleOverlay: (tensor: string) => void
  readonly chooseImage: (tensor: string) => void
}

function tensorLine(state: ViewState, tensor: TensorSummary, actions: SidebarActions): HTMLElement {
  const overlay = state.composition?.overlays.find((o) => o.tensor === tensor.name)
  const isImage = state.summary.compositions.some((c) => c.image === tensor.name)
  const meta = tensor.error
    ? `${tensor.error.code}: ${tensor.error.message}`
    : `${tensor.dtype ?? '-'} · ${tensor.length} · ${formatShape(tensor.shape)}`
  const title = overlay
    ? 'click: show or hide on the pictures'
    : isImage
      ? 'click: compose the grid on this image tensor'
      : undefined
  const line = el(
    'div',
    {
      class: `tensor${tensor.error ? ' broken' : ''}${overlay && state.hidden.has(tensor.name) ? ' off' : ''}`,
      'data-tensor': tensor.name,
      title,
      role: overlay || isImage ? 'button' : undefined,
      tabindex: overlay || isImage ? 0 : undefined,
    },
    overlay ? withColor(el('span', { class: 'swatch' }), overlay.color) : null,
    el('span', { class: 'name' }, tensor.name.slice(tensor.name.lastIndexOf('/') + 1)),
    el('span', { class: 'htype' }, tensor.htype),
    el('span', { class: 'meta' }, meta),
  )
  const act = () =>
    overlay ? actions.toggleOverlay(tensor.name) : isImage ? actions.chooseImage(tensor.name) : undefined
  line.addEventListener('click', act)
  line.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      act()
    }
  })
  return line
}

function groupNode(state: ViewState, node: GroupNode, actions: SidebarActions): HTMLElement | undefined {
  const children: HTMLElement[] = []
  for (const group of node.groups) {
    const child = groupNode(state, group, actions)
    if (child) children.push(child)
  }
  for (const name of node.tensors) {
    const tensor = state.tensors.get(name)
    if (tensor && matchesFilter(state, name)) children.push(tensorLine(state, tensor, actions))
  }
  if (node.path === '') return el('div', {}, ...children)
  if (children.length === 0) return undefined
  return el(
    'details',
    { open: true, 'data-group': node.path },
    el('summary', {}, `${node.name}/`),
    el('div', {}, ...children),
  )
}

/** Draws the tree again (after the filter or an overlay switch changed). */
export function renderSidebar(state: ViewState, actions: SidebarActions): void {
  const tree = byId('tree')
  const root = groupNode(state, state.summary.tree, actions)
  tree.replaceChildren(root ?? el('div', {}))
  if (!tree.querySelector('.tensor'))
    tree.append(el('div', { class: 'more' }, 'no tensor matches the filter'))
}
