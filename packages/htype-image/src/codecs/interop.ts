/** A CommonJS module's export, whether the loader handed back the export or a namespace with `default`. */
export function interop(module: unknown): unknown {
  return typeof module === 'object' && module !== null && 'default' in module
    ? (module as { default: unknown }).default
    : module
}
