/**
 * The JSON the viewer's server sends and its page reads. Types only: the server and the browser
 * bundle both import this file, and nothing of it exists at run time.
 */

/** Box conventions of a bbox tensor (`info.coords`). */
export interface BoxCoordsJson {
  readonly type: 'pixel' | 'fractional'
  readonly mode: 'LTRB' | 'LTWH' | 'CCWH'
}

/** One tensor as the sidebar lists it. */
export interface TensorSummary {
  readonly name: string
  /** The group path the tensor sits in (`''` at the root, `cam1/left` for `cam1/left/image`). */
  readonly group: string
  /** The htype as Deep Lake reports it, wrappers included (`link[image]`, `sequence[bbox]`). */
  readonly htype: string
  /** The htype without wrappers (`image` for `link[image]`). */
  readonly baseHtype: string
  readonly dtype: string | null
  readonly length: number
  /** Length first, then the sample dimensions; null where samples differ. */
  readonly shape: readonly (number | null)[]
  readonly sampleCompression: string | null
  readonly chunkCompression: string | null
  readonly isSequence: boolean
  readonly isLink: boolean
  readonly classNames?: readonly string[]
  /** bbox: the stored coords; absent when the tensor has none (the viewer then infers them). */
  readonly coords?: BoxCoordsJson
  /** bbox.3d: `center` or `vertex`. */
  readonly mode3d?: 'center' | 'vertex'
  readonly keypoints?: readonly string[]
  readonly connections?: readonly (readonly [number, number])[]
  /** Set when the tensor cannot be opened (a missing plugin, broken metadata). */
  readonly error?: ErrorJson
}

/** A group of the dataset with its tensors and sub-groups, for the sidebar tree. */
export interface GroupNode {
  readonly name: string
  readonly path: string
  readonly groups: readonly GroupNode[]
  readonly tensors: readonly string[]
}

/** How the page draws an overlay tensor. */
export type OverlayKind =
  | 'bbox'
  | 'bbox.3d'
  | 'keypoints_coco'
  | 'polygon'
  | 'point'
  | 'segment_mask'
  | 'binary_mask'
  | 'class_label'

/** A tensor drawn on top of an image tensor. */
export interface OverlaySpec {
  readonly tensor: string
  readonly kind: OverlayKind
  /** CSS colour of its lines and points (`#rrggbb`). */
  readonly color: string
}

/** An image tensor and the tensors drawn over it, chosen by {@link DatasetSummary.compositions}' rule. */
export interface Composition {
  readonly image: string
  readonly overlays: readonly OverlaySpec[]
  /** bbox.3d projection: an intrinsics tensor of the same length, or the image tensor's `info.intrinsics`. */
  readonly intrinsics?: { readonly tensor: string } | { readonly matrix: readonly number[] }
}

/** `GET /api/dataset` */
export interface DatasetSummary {
  /** The dataset's folder or URL, without credentials or query string. */
  readonly name: string
  readonly version: string
  readonly branch: string
  /** Deep Lake's length: the shortest visible tensor. */
  readonly length: number
  /** Rows the grid pages through: the longest visible tensor. */
  readonly rows: number
  readonly tensors: readonly TensorSummary[]
  readonly tree: GroupNode
  readonly compositions: readonly Composition[]
  /** Largest `count` `/api/rows` accepts. */
  readonly maxPage: number
}

/** A typed error as JSON; `index` and `tensor` name the sample when it is one. */
export interface ErrorJson {
  readonly code: string
  readonly message: string
  readonly tensor?: string
  readonly index?: number
}

/** `GET /api/rows?start&count` */
export interface RowsResponse {
  readonly start: number
  readonly rows: readonly Row[]
}

/** One index of the dataset: a cell per tensor that has a sample there. */
export interface Row {
  readonly index: number
  readonly cells: Readonly<Record<string, Cell>>
}

/** `GET /api/sample?index` — every tensor at full detail. */
export interface SampleResponse extends Row {}

export interface ImageCell {
  readonly kind: 'image'
  readonly src: string
  readonly width?: number
  readonly height?: number
}

export interface BoxesCell {
  readonly kind: 'bbox'
  /** Boxes as left, top, right, bottom in `type` units (pixels or fractions of the image). */
  readonly ltrb: readonly (readonly number[])[]
  /** The boxes as stored, for hover. */
  readonly stored: readonly (readonly number[])[]
  /** The coords used: the tensor's, or inferred from this sample when `inferred`. */
  readonly coords: BoxCoordsJson
  readonly inferred: boolean
}

export interface Boxes3dCell {
  readonly kind: 'bbox.3d'
  readonly mode: 'center' | 'vertex'
  readonly stored: readonly (readonly number[])[]
  /** Per image tensor: each box's 8 corners projected to pixels, when intrinsics are known. */
  readonly projected?: Readonly<Record<string, readonly (readonly (readonly [number, number])[])[]>>
}

export interface KeypointsCell {
  readonly kind: 'keypoints_coco'
  /** One entry per object: its keypoints as [x, y, visibility]. */
  readonly objects: readonly (readonly (readonly [number, number, number])[])[]
}

export interface PolygonsCell {
  readonly kind: 'polygon'
  readonly polygons: readonly (readonly (readonly number[])[])[]
}

export interface PointsCell {
  readonly kind: 'point'
  readonly points: readonly (readonly number[])[]
}

export interface MaskCell {
  readonly kind: 'segment_mask' | 'binary_mask'
  /** The mask drawn to PNG (transparent where nothing is). */
  readonly src: string
  /** `GET` it for {@link MaskInfo}: classes present, objects and their extents. */
  readonly info: string
  readonly width?: number
  readonly height?: number
}

export interface LabelsCell {
  readonly kind: 'class_label'
  readonly labels: readonly { readonly id: number; readonly name: string | null }[]
}

export interface TextCell {
  readonly kind: 'text' | 'json' | 'list'
  readonly text: string
  /** Characters left out after `text`. */
  readonly truncated: number
}

export interface EmbeddingCell {
  readonly kind: 'embedding'
  readonly length: number
  /** The values, or bucket means of them when there are more than the page shows. */
  readonly values: readonly number[]
  readonly bucket: number
  readonly min: number
  readonly max: number
  readonly norm: number
}

export interface ArrayStats {
  readonly min: number
  readonly max: number
  readonly mean: number
  readonly std: number
  /** Elements that are NaN or infinite (left out of the other stats). */
  readonly nonFinite: number
}

export interface ArrayCell {
  readonly kind: 'array'
  readonly htype: string
  readonly dtype: string
  readonly shape: readonly number[]
  /** Absent when the sample is too large to read for a summary. */
  readonly stats?: ArrayStats
  /** The first values in C order (all of them for small samples). */
  readonly values?: readonly number[]
  /** 2-D samples (and images stored as plain arrays): a PNG of it. */
  readonly heatmap?: string
  readonly image?: string
}

export interface MediaCell {
  readonly kind: 'video' | 'audio'
  /** The stored file; absent when the samples are raw arrays. */
  readonly src?: string
  readonly mime?: string
  readonly shape?: readonly number[]
  /** Audio: `GET` it for a {@link Waveform}. */
  readonly waveform?: string
  /** Video stored as raw frames: its first frame. */
  readonly poster?: string
  readonly info?: Readonly<Record<string, string | number>>
}

export interface SequenceCell {
  readonly kind: 'sequence'
  readonly length: number
  readonly items: readonly Cell[]
}

export interface ShapeCell {
  readonly kind: 'shape'
  readonly htype: string
  readonly shape: readonly number[] | readonly (readonly number[])[]
}

export interface EmptyCell {
  readonly kind: 'empty'
}

export interface ErrorCell {
  readonly kind: 'error'
  readonly error: ErrorJson
}

/** What the page gets for one tensor at one index. */
export type Cell =
  | ImageCell
  | BoxesCell
  | Boxes3dCell
  | KeypointsCell
  | PolygonsCell
  | PointsCell
  | MaskCell
  | LabelsCell
  | TextCell
  | EmbeddingCell
  | ArrayCell
  | MediaCell
  | SequenceCell
  | ShapeCell
  | EmptyCell
  | ErrorCell

/** `GET /api/mask` — what a mask holds, for legends and labels. */
export interface MaskInfo {
  readonly width: number
  readonly height: number
  /** segment_mask: the classes present, with their colour and pixel count. */
  readonly classes?: readonly MaskClass[]
  /** binary_mask: one entry per channel. */
  readonly objects?: readonly MaskObject[]
}

export interface MaskClass {
  readonly id: number
  readonly name: string | null
  readonly color: string
  readonly pixels: number
  /** False for class 0 when it is the background (drawn transparent). */
  readonly drawn: boolean
}

export interface MaskObject {
  readonly channel: number
  readonly color: string
  readonly pixels: number
  /** left, top, right, bottom (exclusive) of the object's pixels; absent when it has none. */
  readonly box?: readonly [number, number, number, number]
}

/** `GET /api/waveform` */
export interface Waveform {
  readonly samples: number
  readonly channels: number
  readonly sampleRate?: number
  /** Per bucket, the lowest and highest value over all channels. */
  readonly min: readonly number[]
  readonly max: readonly number[]
}
