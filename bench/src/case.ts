/** The shape of a benchmark case and of what its arms return. */
import type { RssProbe } from './measure.js'
import type { Profile } from './profiles.js'
import type { Workspace } from './workspace.js'

/** The systems compared: Shoal, the physical limit, and the closest peer. */
export type System = 'shoal' | 'raw-node' | 'zarrita'

/** Arm order of the first repetition; later repetitions rotate it. */
export const SYSTEMS: readonly System[] = ['shoal', 'raw-node', 'zarrita']

/** What one run of an arm measured. */
export interface ArmResult {
  /** Samples (or rows, or queries) processed. */
  readonly n: number
  /** Logical sample bytes processed (uncompressed payload; file bytes for JPEG). */
  readonly bytes: number
  /** Wall time of the measured region only. */
  readonly seconds: number
  /** Per-op latencies in µs, when the arm has a natural op (a sample or a batch). */
  readonly latencies?: readonly number[]
  /** Extra keys copied into the JSON line (e.g. the stored size, a checksum). */
  readonly extra?: Readonly<Record<string, number | string | boolean>>
  /** Overrides the polled peak RSS (the mem case reports its child's maxRSS). */
  readonly peakRssBytes?: number
}

/** What an arm gets: the profile, a scratch folder of its own, and the RSS probe to tick. */
export interface ArmContext {
  readonly profile: Profile
  readonly workspace: Workspace
  /** An empty folder for this arm run, removed after it. */
  readonly dir: string
  readonly probe: RssProbe
}

/** One arm: runs the measured work once. */
export type Arm = (context: ArmContext) => Promise<ArmResult>

/** Returned by `setup` to skip a case with a one-line reason. */
export interface Skip {
  readonly skip: string
}

/** A benchmark case. `group` is what `--cases` selects (B4 selects B4.iter, B4.range, …). */
export interface BenchCase {
  readonly id: string
  readonly group: string
  readonly title: string
  /** What one latency value stands for, when arms report latencies. */
  readonly latencyOf?: 'sample' | 'batch' | 'query'
  readonly arms: Partial<Record<System, Arm>>
  /** Write cases: flush dirty pages (`sync`) before each arm, outside the timing. */
  readonly settleWrites?: boolean
  /** Overrides the profile's repetitions (the mem case runs each child once). */
  readonly repetitions?: number
  /** Untimed preparation (input data, datasets to read); may skip the case. */
  readonly setup?: (context: SetupContext) => Promise<Skip | undefined>
  readonly teardown?: () => Promise<void>
}

/** What `setup` gets. */
export interface SetupContext {
  readonly profile: Profile
  readonly workspace: Workspace
}
