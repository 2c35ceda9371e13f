/** The expected-values schema of ../shared/tools/read_dataset.py (its docstring is the source). */

export interface ArraySampleSpec {
  readonly shape?: number[]
  readonly sha256?: string
  readonly values?: unknown
  readonly lossy?: boolean
  readonly tolerance?: number
  readonly raw_sha256?: string
  readonly text?: string[]
  readonly path?: string
}

export interface ValueSampleSpec {
  readonly value: unknown
}

export interface ItemsSampleSpec {
  readonly items: ArraySampleSpec[]
}

export interface PolygonsSampleSpec {
  readonly polygons: ArraySampleSpec[]
}

export type SampleSpec = ArraySampleSpec | ValueSampleSpec | ItemsSampleSpec | PolygonsSampleSpec

export interface TensorSpec {
  readonly htype?: string
  readonly dtype?: string | null
  readonly length?: number
  readonly sample_compression?: string | null
  readonly chunk_compression?: string | null
  readonly is_sequence?: boolean
  readonly is_link?: boolean
  readonly info?: Record<string, unknown>
  readonly samples?: SampleSpec[]
  readonly notes?: unknown
}

export interface DatasetSpec {
  readonly dataset?: string
  readonly tensor_names?: string[]
  readonly tensors?: Record<string, TensorSpec>
  readonly version_control?: {
    readonly branches?: string[]
    readonly commits?: { commit: string; message?: string | null }[]
  }
  readonly versions?: { checkout: string; tensors?: Record<string, TensorSpec> }[]
  readonly notes?: unknown
}
