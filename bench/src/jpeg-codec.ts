/**
 * B2 and B5 need a codec named 'jpeg' (from @shoal/htype-image, which registers it on import of
 * its `./register` entry). Core ships none, so without that package both cases are skipped.
 */
import { type CodecImplementation, findCodec } from '@shoal/core'

/** The package whose codec B2/B5 need, quoted in the SKIP line. */
export const JPEG_PACKAGE = '@shoal/htype-image'

/** The registered jpeg codec's implementation, or undefined when none is registered. */
export async function loadJpegCodec(): Promise<CodecImplementation | undefined> {
  if (!findCodec('jpeg')) {
    try {
      // A variable specifier: the package is optional and absent from this workspace today.
      const entry = `${JPEG_PACKAGE}/register`
      await import(entry)
    } catch {
      return undefined
    }
  }
  const codec = findCodec('jpeg')
  if (!codec) return undefined
  const implementation = await codec.loadCodec()
  return implementation.encodeSample && implementation.decodeSample ? implementation : undefined
}
