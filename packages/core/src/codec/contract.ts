import type { NumericDtype } from '../dtype.js'
import type { NDArray } from '../ndarray.js'

/** What kind of data a compression holds; decides how the engine treats payloads. */
export type CompressionKind =
  | 'byte'
  | 'image'
  | 'video'
  | 'audio'
  | 'dicom'
  | 'nifti'
  | 'point_cloud'
  | 'mesh'

/** Context a sample codec receives: what the tensor expects of the decoded sample. */
export interface DecodeContext {
  /** The tensor's dtype; decoded values are cast to it. */
  readonly dtype: NumericDtype
  /** The stored shape of the sample, when the chunk records one. */
  readonly shape?: readonly number[]
  /** Tensor name, for error messages. */
  readonly tensor?: string
  /** Sample index, for error messages. */
  readonly index?: number
  /** The htype of the tensor (`image.gray`, …) for htype-specific conversions. */
  readonly htype?: string
}

/** Context for encoding an array into a compressed payload. */
export interface EncodeContext {
  readonly tensor?: string
  readonly index?: number
  readonly htype?: string
}

/** The heavy half of a codec: loaded on first use through {@link CompressionCodec.loadCodec}. */
export interface CodecImplementation {
  /** Byte codecs: whole-buffer compression (lz4). */
  compressBytes?(bytes: Uint8Array): Uint8Array
  decompressBytes?(bytes: Uint8Array): Uint8Array
  /** Sample codecs: a stored file's bytes → pixels/samples. */
  decodeSample?(bytes: Uint8Array, context: DecodeContext): Promise<NDArray> | NDArray
  /** Sample codecs: an array → file bytes. Absent for read-only formats (mp3, nii, …). */
  encodeSample?(array: NDArray, context: EncodeContext): Promise<Uint8Array> | Uint8Array
  /** The shape of a stored file without decoding all of it, when the format allows. */
  readShape?(bytes: Uint8Array): Promise<number[]> | number[]
}

/**
 * A compression as a plain, cheap object: metadata now, code later. Plugins declare one per
 * format and register it; core loads the implementation the first time a payload needs it.
 */
export interface CompressionCodec {
  /** Contract major this object satisfies. */
  readonly specVersion: 1
  /** The name stored in tensor_meta (`lz4`, `png`, `jpeg`, `nii.gz`). */
  readonly name: string
  /** Other spellings accepted from users and normalised to `name` (`jpg`, `tif`). */
  readonly aliases?: readonly string[]
  /** The npm package that provides it, quoted by errors. */
  readonly providedBy: string
  readonly version?: string
  readonly kind: CompressionKind
  /** File name endings (without dot) that imply this format. */
  readonly extensions?: readonly string[]
  /** True when `bytes` starts like a file of this format. */
  readonly matchesMagic?: (bytes: Uint8Array) => boolean
  /** True when arrays cannot be encoded into it (only files can be stored). */
  readonly readOnly?: boolean
  /** Loads the implementation; core caches the promise. */
  loadCodec(): Promise<CodecImplementation> | CodecImplementation
}

/** Identity helper that type-checks a codec definition. */
export function defineCodec<const T extends CompressionCodec>(codec: T): T {
  return codec
}
