/** Which htypes the viewer treats as pictures and which it draws on top of them. */
import type { OverlayKind } from './protocol.js'

/** Htypes shown as a picture, and under which overlays are drawn (plain or `link[…]`). */
export const IMAGE_HTYPES: ReadonlySet<string> = new Set(['image', 'image.rgb', 'image.gray'])

/** Htypes drawn over an image tensor of the same length, in drawing order (masks below lines). */
export const OVERLAY_HTYPES: readonly OverlayKind[] = [
  'segment_mask',
  'binary_mask',
  'polygon',
  'bbox',
  'bbox.3d',
  'keypoints_coco',
  'point',
  'class_label',
]

/** The group path of a tensor name: everything before the last `/`. */
export function groupOf(name: string): string {
  const slash = name.lastIndexOf('/')
  return slash < 0 ? '' : name.slice(0, slash)
}
