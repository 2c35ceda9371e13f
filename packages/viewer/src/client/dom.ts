/** A few DOM helpers: element creation without innerHTML, so dataset text is never parsed as HTML. */

type Attributes = Record<string, string | number | boolean | undefined>

/** Creates `<tag>` with attributes (`class`, `title`, `data-*`, …) and children (text or nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) if (child) node.append(child)
  return node
}

/** The element with id `id`; throws when the page lacks it (a build mistake, not a user's). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id)
  if (!node) throw new Error(`the page has no #${id}`)
  return node as T
}

/** Sets a CSS custom property used by swatches and chips (`--c`). */
export function withColor<T extends HTMLElement>(node: T, color: string): T {
  node.style.setProperty('--c', color)
  return node
}

/** A number for people: integers as they are, others with 4 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value)) return String(value)
  const abs = Math.abs(value)
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6)
    ? value.toExponential(3)
    : String(Number(value.toPrecision(4)))
}

/** `(a, b, ?)` for a shape with unknown dimensions. */
export function formatShape(shape: readonly (number | null)[]): string {
  return `(${shape.map((d) => (d === null ? '?' : d)).join(', ')})`
}
