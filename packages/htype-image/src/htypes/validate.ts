import { type NDArray, ShoalError, type ValidateContext } from '@shoal/core/plugin'

/** Throws INVALID_SAMPLE naming the tensor and index. */
export function invalidSample(context: ValidateContext, reason: string, expected: string): never {
  throw new ShoalError('INVALID_SAMPLE', `tensor "${context.tensor}", sample ${context.index}: ${reason}`, {
    tensor: context.tensor,
    index: context.index,
    expected,
  })
}

/** Images are (H, W) or (H, W, C) with 1 to 4 channels. */
export function checkImageShape(sample: NDArray, context: ValidateContext): void {
  const { shape } = sample
  if (shape.length === 3 && (shape[2]! < 1 || shape[2]! > 4) && shape.every((d) => d > 0))
    invalidSample(
      context,
      `an image has 1 to 4 channels; got shape [${shape.join(', ')}]`,
      '(H, W) or (H, W, 1|2|3|4)',
    )
}
