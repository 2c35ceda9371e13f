/** Small shared pieces: the error tile, chips, legends, and lazy start-up of off-screen work. */
import type { ErrorJson } from '../shared/protocol.js'
import { el, withColor } from './dom.js'

/** The tile that stands in for a sample that cannot be shown; it names the index. */
export function errorTile(error: ErrorJson, fallbackIndex?: number): HTMLElement {
  const index = error.index ?? fallbackIndex
  const where = [error.tensor ? `"${error.tensor}"` : '', index === undefined ? '' : `sample ${index}`]
    .filter(Boolean)
    .join(' ')
  return el(
    'div',
    { class: 'error-tile', role: 'alert', 'data-index': index, 'data-code': error.code },
    `${where ? `${where}: ` : ''}${error.code}: ${error.message}`,
  )
}

/** A coloured chip (a class label). */
export function chip(text: string, color: string, title?: string): HTMLElement {
  return withColor(el('span', { class: 'chip', title }, text), color)
}

/** A legend: one swatch per entry. */
export function legend(entries: readonly { name: string; color: string }[], limit = 24): HTMLElement {
  const node = el('span', { class: 'legend' })
  for (const entry of entries.slice(0, limit)) node.append(withColor(el('span', {}, entry.name), entry.color))
  if (entries.length > limit) node.append(el('em', {}, `+${entries.length - limit} more`))
  return node
}

const pending = new WeakMap<Element, () => void>()
let observer: IntersectionObserver | undefined

/** Runs `start` once, when `node` first comes near the viewport (masks, waveforms, heat maps). */
export function whenVisible(node: Element, start: () => void): void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue
        observer!.unobserve(entry.target)
        const run = pending.get(entry.target)
        pending.delete(entry.target)
        run?.()
      }
    },
    { rootMargin: '300px' },
  )
  pending.set(node, start)
  observer.observe(node)
}
