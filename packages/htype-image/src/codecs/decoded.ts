import type { DecodeContext, NDArray } from '@shoal/core/plugin'
import { castPixels } from '../pixels/cast.js'
import { fitChannels } from '../pixels/channels.js'

/** An 8-bit image as a decoder produced it, before it is fitted to the tensor. */
export interface DecodedImage {
  readonly width: number
  readonly height: number
  readonly channels: number
  readonly data: Uint8Array | Uint16Array
}

/** (H, W) for one channel, (H, W, C) otherwise: the shape Deep Lake records for a file. */
export function shapeOf(image: Pick<DecodedImage, 'width' | 'height' | 'channels'>): number[] {
  return image.channels === 1 ? [image.height, image.width] : [image.height, image.width, image.channels]
}

/** Fits a decoded image to the stored sample's channel count and the tensor's dtype. */
export function toTensorPixels(image: DecodedImage, context: DecodeContext): NDArray {
  let array: NDArray = {
    dtype: image.data instanceof Uint16Array ? 'uint16' : 'uint8',
    shape: shapeOf(image),
    data: image.data,
  }
  const stored = context.shape
  if (stored && stored.length >= 2) array = fitChannels(array, stored.length === 3 ? stored[2]! : 1)
  return castPixels(array, context.dtype)
}
