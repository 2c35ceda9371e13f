/**
 * Which tensors are drawn on which image: the rule the page follows, computed once per dataset.
 *
 * Every image tensor (`image`, `image.rgb`, `image.gray`, or a `link[…]` to one) gets overlay
 * tensors (bbox, bbox.3d, keypoints_coco, polygon, point, segment_mask, binary_mask, class_label,
 * not sequences) of the same length. Groups decide which: an overlay belongs to the images of
 * the deepest group that contains it (its own group, else the nearest parent with images), so
 * `cam1/boxes` goes to `cam1/image` and not to `cam2/image` or a root image. An overlay with no
 * image in or above its group (root `labels` when images sit in `cam1/` and `cam2/`) goes to every
 * image of its length.
 */

import { IMAGE_HTYPES, OVERLAY_HTYPES } from '../shared/htypes.js'
import { overlayColor, toHex } from '../shared/palette.js'
import type { Composition, OverlayKind, TensorSummary } from '../shared/protocol.js'

/** Whether a tensor is shown as a picture with overlays. */
export function isImageTensor(t: TensorSummary): boolean {
  return !t.error && !t.isSequence && IMAGE_HTYPES.has(t.baseHtype)
}

function overlayKind(t: TensorSummary): OverlayKind | undefined {
  if (t.error || t.isSequence || t.isLink) return undefined
  return (OVERLAY_HTYPES as readonly string[]).includes(t.baseHtype)
    ? (t.baseHtype as OverlayKind)
    : undefined
}

/** A flat list of 9 finite numbers (a 3×3 matrix, possibly nested), or undefined. */
export function matrix3x3(value: unknown): number[] | undefined {
  if (!Array.isArray(value)) return undefined
  const flat = (value as unknown[]).flat(2)
  if (flat.length !== 9 || !flat.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined
  return flat as number[]
}

/** The images an overlay belongs to: those of the deepest group containing it, else every image of its length. */
function owners(overlay: TensorSummary, images: readonly TensorSummary[]): TensorSummary[] {
  const sameLength = images.filter((image) => image.length === overlay.length)
  const above = sameLength.filter((image) => contains(image.group, overlay.group))
  if (above.length === 0) return sameLength
  const deepest = Math.max(...above.map((image) => depth(image.group)))
  return above.filter((image) => depth(image.group) === deepest)
}

/** Whether group `outer` is `inner` or one of its parents (the root contains every group). */
function contains(outer: string, inner: string): boolean {
  return outer === '' || inner === outer || inner.startsWith(`${outer}/`)
}

const depth = (group: string) => (group === '' ? 0 : group.split('/').length)

/**
 * The compositions of a dataset, one per image tensor, with overlays in drawing order (masks,
 * then lines, then labels). `imageInfo` gives an image tensor's `info` (for `info.intrinsics`).
 */
export function composeOverlays(
  tensors: readonly TensorSummary[],
  imageInfo: (name: string) => Readonly<Record<string, unknown>>,
): Composition[] {
  const overlays = tensors.filter((t) => overlayKind(t) !== undefined)
  const intrinsics = tensors.filter((t) => !t.error && !t.isSequence && t.baseHtype === 'intrinsics')
  const images = tensors.filter(isImageTensor)
  const belongsTo = (image: TensorSummary) => (t: TensorSummary) => owners(t, images).includes(image)
  return images.map((image) => {
    const chosen = overlays
      .filter(belongsTo(image))
      .sort((a, b) => OVERLAY_HTYPES.indexOf(overlayKind(a)!) - OVERLAY_HTYPES.indexOf(overlayKind(b)!))
    const composition: Composition = {
      image: image.name,
      overlays: chosen.map((t, n) => ({
        tensor: t.name,
        kind: overlayKind(t)!,
        color: toHex(overlayColor(n)),
      })),
    }
    if (!chosen.some((t) => t.baseHtype === 'bbox.3d')) return composition
    const camera = intrinsics.find(belongsTo(image))
    if (camera) return { ...composition, intrinsics: { tensor: camera.name } }
    const matrix = matrix3x3(imageInfo(image.name).intrinsics)
    return matrix ? { ...composition, intrinsics: { matrix } } : composition
  })
}
