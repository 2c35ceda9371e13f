import { ShoalError, type ValidateContext } from '@shoal/core/plugin'

/** INVALID_SAMPLE naming the tensor, the index and what the htype expects. */
export function invalidSample(
  context: ValidateContext,
  htype: string,
  reason: string,
  expected: string,
): never {
  throw new ShoalError(
    'INVALID_SAMPLE',
    `tensor "${context.tensor}" (${htype}), sample ${context.index}: ${reason}`,
    {
      tensor: context.tensor,
      index: context.index,
      expected,
    },
  )
}

/** INVALID_ARGUMENT for a bad createTensor option or helper argument. */
export function invalidArgument(message: string, expected: string, tensor?: string): never {
  throw new ShoalError(
    'INVALID_ARGUMENT',
    tensor === undefined ? message : `createTensor("${tensor}"): ${message}`,
    {
      ...(tensor === undefined ? {} : { tensor }),
      expected,
    },
  )
}

/** Shape as `[a, b]` for messages. */
export const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`
