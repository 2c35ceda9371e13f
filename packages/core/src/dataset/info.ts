/**
 * A tensor's or dataset's info: its keys read like a plain object (`info.class_names`), and
 * `update({...})` merges new keys and persists them at the next flush. `update` is not
 * enumerable, so it never appears among the keys or in the stored JSON.
 */
export type Info = Readonly<Record<string, unknown>> & {
  update(values: Readonly<Record<string, unknown>>): Promise<void>
}

/** Wraps `store` (which it mutates) as an {@link Info}; `onUpdate` persists a change. */
export function makeInfo(
  store: Record<string, unknown>,
  onUpdate: (values: Readonly<Record<string, unknown>>) => Promise<void>,
): Info {
  Object.defineProperty(store, 'update', {
    enumerable: false,
    configurable: true,
    value: (values: Readonly<Record<string, unknown>>) => onUpdate(values),
  })
  return store as Info
}
