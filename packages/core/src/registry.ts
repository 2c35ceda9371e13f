import { ShoalError, type ShoalErrorCode } from './errors.js'

/**
 * The process-wide plugin registry. It lives on `globalThis` under a `Symbol.for` key, so two
 * installed copies of core (a plugin that bundled its own, say) see the same htypes, codecs and
 * storage schemes. The key names the contract major, not the package version.
 */
const KEY = Symbol.for('@shoal/core/registry@1')

/** Anything registrable: a unique name and the package that provides it. */
export interface Registrable {
  readonly name: string
  readonly providedBy?: string
  readonly version?: string
}

/** One kind of plugin (htypes, codecs, schemes) keyed by name. */
export class PluginTable<T extends Registrable> {
  private readonly entries = new Map<string, T>()
  private readonly aliases = new Map<string, string>()

  constructor(
    private readonly kind: string,
    private readonly duplicateCode: ShoalErrorCode,
  ) {}

  /**
   * Adds `item`. The same object, or an item from the same package and version (a second copy of
   * that package), is a no-op; a different definition under a taken name throws unless `override`.
   */
  add(item: T, options: { override?: boolean; aliases?: readonly string[] } = {}): void {
    const existing = this.entries.get(item.name)
    if (existing && existing !== item && !options.override && !sameOrigin(existing, item)) {
      throw new ShoalError(
        this.duplicateCode,
        `${this.kind} "${item.name}" is already registered by ${origin(existing)}; ${origin(item)} tries to register a different one. ` +
          'Pass { override: true } to replace it on purpose.',
      )
    }
    if (!existing || options.override) this.entries.set(item.name, item)
    for (const alias of options.aliases ?? []) this.aliases.set(alias, item.name)
  }

  get(name: string): T | undefined {
    return this.entries.get(name) ?? this.entries.get(this.aliases.get(name) ?? '')
  }

  /** The canonical name for `name` (resolving aliases), or undefined. */
  canonical(name: string): string | undefined {
    if (this.entries.has(name)) return name
    return this.aliases.get(name)
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  values(): IterableIterator<T> {
    return this.entries.values()
  }

  remove(name: string): void {
    this.entries.delete(name)
  }
}

function origin(item: Registrable): string {
  return item.providedBy
    ? `${item.providedBy}${item.version ? `@${item.version}` : ''}`
    : 'an unnamed package'
}

function sameOrigin(a: Registrable, b: Registrable): boolean {
  return a.providedBy !== undefined && a.providedBy === b.providedBy && a.version === b.version
}

/** Slots of the shared registry. Each layer stores its own table here, created on first use. */
export interface SharedRegistry {
  readonly tables: Map<string, PluginTable<Registrable>>
  /** Hooks run once when a table is first created (core seeds its own plugins this way). */
  readonly warned: Set<string>
}

/** The shared registry, created lazily on first use and reused by every copy of core. */
export function sharedRegistry(): SharedRegistry {
  const host = globalThis as typeof globalThis & { [KEY]?: SharedRegistry }
  host[KEY] ??= { tables: new Map(), warned: new Set() }
  return host[KEY]
}

/**
 * The table `name` of the shared registry; `seed` fills it the first time it is created, so core's
 * built-in plugins are present without an import-time side effect.
 */
export function pluginTable<T extends Registrable>(
  name: string,
  duplicateCode: ShoalErrorCode,
  seed?: (table: PluginTable<T>) => void,
): PluginTable<T> {
  const registry = sharedRegistry()
  let table = registry.tables.get(name) as PluginTable<T> | undefined
  if (!table) {
    table = new PluginTable<T>(name, duplicateCode)
    registry.tables.set(name, table as unknown as PluginTable<Registrable>)
    seed?.(table)
  }
  return table
}
