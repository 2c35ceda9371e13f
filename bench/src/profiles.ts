/** Sizes per case for each profile: `tiny` is a CI smoke run, `small` the sizes, `full` about ×5. */

/** Every size a case reads from its profile. */
export interface Profile {
  readonly name: ProfileName
  /** Repetitions per arm; medians are reported. */
  readonly repetitions: number
  /** B1/B4/B6/B10: number of uint8 images and the `extend` batch size. */
  readonly images: number
  readonly imageBatch: number
  /** Image shape [height, width, channels]. */
  readonly imageShape: readonly [number, number, number]
  /** Distinct generated images; image i is pool[i % pool] (keeps input memory flat, see README). */
  readonly imagePool: number
  /** B2/B5: number of JPEG files. */
  readonly jpegs: number
  /** B6 and B8: random single-sample reads. */
  readonly randomReads: number
  /** B8: rows, dimension and ingest batch (also zarrita's chunk rows). */
  readonly embeddings: number
  readonly embeddingDim: number
  readonly embeddingBatch: number
  /** B9: captions and JSON objects (each), and the ingest/scan batch. */
  readonly texts: number
  readonly textBatch: number
  /** B12: short videos (320×240, `videoFrames` frames each) scanned with decoding. */
  readonly videos: number
  readonly videoFrames: number
  /** B14: rows of the dataset the viewer opens. */
  readonly viewerRows: number
}

/** The profile names the CLI accepts. */
export type ProfileName = 'tiny' | 'small' | 'full'

const small: Profile = {
  name: 'small',
  repetitions: 3,
  images: 2_000,
  imageBatch: 100,
  imageShape: [256, 256, 3],
  imagePool: 200,
  jpegs: 2_000,
  randomReads: 500,
  embeddings: 100_000,
  embeddingDim: 768,
  embeddingBatch: 2_500,
  texts: 200_000,
  textBatch: 10_000,
  videos: 20,
  videoFrames: 60,
  viewerRows: 100_000,
}

/** Profiles by name. */
export const profiles: Readonly<Record<ProfileName, Profile>> = {
  // Small enough that the whole run, memory case included, stays well under a minute.
  tiny: {
    ...small,
    name: 'tiny',
    images: 120,
    imageBatch: 20,
    imagePool: 40,
    jpegs: 120,
    randomReads: 50,
    embeddings: 5_000,
    embeddingBatch: 1_000,
    texts: 5_000,
    textBatch: 1_000,
    videos: 3,
    videoFrames: 10,
    viewerRows: 2_000,
  },
  small,
  full: {
    ...small,
    name: 'full',
    images: 10_000,
    jpegs: 10_000,
    randomReads: 2_500,
    embeddings: 500_000,
    texts: 1_000_000,
    videos: 100,
  },
}

/** True when `name` is a profile name. */
export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(profiles, name)
}
