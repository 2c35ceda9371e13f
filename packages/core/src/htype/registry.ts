import { ShoalError } from '../errors.js'
import { pluginTable } from '../registry.js'
import { builtinHtypes } from './builtin.js'
import type { HtypeDefinition } from './contract.js'

/** First-party htypes that live outside core, and the package that provides each. */
export const knownHtypePackages: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['image', 'image.rgb', 'image.gray', 'segment_mask', 'binary_mask', 'instance_label'].map((n) => [
      n,
      '@shoal/htype-image',
    ]),
  ),
  ...Object.fromEntries(['video', 'audio', 'nifti', 'dicom'].map((n) => [n, '@shoal/htype-media'])),
  ...Object.fromEntries(
    ['bbox', 'bbox.3d', 'intrinsics', 'point', 'polygon', 'keypoints_coco', 'point_cloud', 'mesh'].map(
      (n) => [n, '@shoal/htype-geometry'],
    ),
  ),
}

function htypes() {
  return pluginTable<HtypeDefinition>('htypes', 'DUPLICATE_HTYPE', (table) => {
    for (const definition of builtinHtypes) table.add(definition)
  })
}

/**
 * Registers htype definitions into the process-wide registry. Registering the same definition
 * again (or the same package@version from a second copy) is a no-op; a different definition under
 * a taken name throws DUPLICATE_HTYPE unless `override` is set.
 */
export function registerHtypes(list: readonly HtypeDefinition[], options: { override?: boolean } = {}): void {
  for (const definition of list) {
    if (definition.specVersion !== 1) {
      throw new ShoalError(
        'INCOMPATIBLE_PLUGIN',
        `htype "${definition.name}" from ${definition.providedBy} follows htype contract ${String(definition.specVersion)}; this @shoal/core speaks 1`,
        { plugin: definition.providedBy },
      )
    }
    htypes().add(definition, options)
  }
}

/** The registered htype `name`, if any. */
export function findHtype(name: string): HtypeDefinition | undefined {
  return htypes().get(name)
}

/** Every registered htype. */
export function listHtypes(): HtypeDefinition[] {
  return [...htypes().values()]
}

/**
 * The htype `name` from `local` (definitions passed to openDataset) or the registry; otherwise a
 * typed error that says which package to install.
 */
export function requireHtype(
  name: string,
  context: { tensor?: string; key?: string; local?: ReadonlyMap<string, HtypeDefinition> } = {},
): HtypeDefinition {
  const found = context.local?.get(name) ?? findHtype(name)
  if (found) return found
  const { local: _local, ...details } = context
  const subject =
    context.tensor === undefined ? `htype "${name}"` : `htype "${name}" (tensor "${context.tensor}")`
  const plugin = knownHtypePackages[name]
  if (plugin) {
    throw new ShoalError(
      'UNKNOWN_HTYPE',
      `${subject} needs ${plugin}: install it and import it ("${plugin}/register"), or pass its htypes to openDataset(url, { htypes })`,
      { ...details, plugin },
    )
  }
  throw new ShoalError(
    'UNKNOWN_HTYPE',
    `${subject} is not registered; known htypes: ${listHtypes()
      .map((h) => h.name)
      .join(', ')}. Register a plugin that provides it, or pass it to openDataset(url, { htypes })`,
    details,
  )
}

/** Splits a user-facing htype such as `sequence[link[image]]` into its base and wrappers. */
export function parseHtypeName(full: string): { base: string; isSequence: boolean; isLink: boolean } {
  let base = full.trim()
  let isSequence = false
  let isLink = false
  for (;;) {
    const match = /^(sequence|link)\[(.*)\]$/.exec(base)
    if (!match) break
    if (match[1] === 'sequence') isSequence = true
    else isLink = true
    base = match[2]!.trim()
  }
  if (base === 'sequence' && !isSequence) return { base: 'generic', isSequence: true, isLink }
  return { base, isSequence, isLink }
}

/** The user-facing htype name Python reports: `sequence[link[image]]`, `link[image]`, `image`. */
export function formatHtypeName(base: string, isSequence: boolean, isLink: boolean): string {
  let name = base
  if (isLink) name = `link[${name}]`
  if (isSequence) name = `sequence[${name}]`
  return name
}
