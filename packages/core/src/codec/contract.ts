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
  /**
   * What the caller passed to `tensor.get(i, options)`: codec-specific requests such as a frame
   * range of a video or the extra fields of a point cloud. Undefined for plain reads.
   */
  readonly options?: DecodeOptions
}

/** Codec-specific read options, passed through `tensor.get(i, options)` untouched. */
export type DecodeOptions = Readonly<Record<string, unknown>>

/** What {@link CodecImplementation.describeFile} reports of a stored file. */
export interface FileDescription {
  /** The sample's shape as the tensor stores it (frames × H × W × C for a video). */
  readonly shape: readonly number[]
  /**
   * The file's element type (`uint16` for a 16-bit DICOM), adopted as the tensor dtype when the
   * tensor has none yet (Python infers dicom/nifti dtypes from the first file).
   */
  readonly dtype?: string
  /** Extra per-sample info written to the `_<tensor>_info` companion (fps, duration, exif, …). */
  readonly info?: Readonly<Record<string, unknown>>
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
  /**
   * Shape plus per-sample info of a file stored as it is (read() of a matching format). Preferred
   * over {@link readShape} when present; throw to reject a file whose content is not this format.
   */
  describeFile?(bytes: Uint8Array, context: EncodeContext): Promise<FileDescription> | FileDescription
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
  /** dtypes an array must have to be encoded (`['uint8']` for jpeg); undefined = any. */
  readonly encodeDtypes?: readonly string[]
  /** Channel counts (last axis of a 3-D array; 2-D = 1) the format stores; undefined = any. */
  readonly encodeChannels?: readonly number[]
  /**
   * Set for a Deep Lake compression this plugin knows but cannot handle (no maintained decoder):
   * the reason, quoted when createTensor or a read refuses it with `UNSUPPORTED`.
   */
  readonly unsupported?: string
  /** Loads the implementation; core caches the promise. */
  loadCodec(): Promise<CodecImplementation> | CodecImplementation
}

/** Identity helper that type-checks a codec definition. */
export function defineCodec<const T extends CompressionCodec>(codec: T): T {
  return codec
}
