import type { GenerationInput } from '@seedance-kit/core';

/** Width ÷ height of an exact requested size; undefined when the size follows the frame image (known once a video loads). */
export const aspectRatioOf = (input: Partial<GenerationInput> | undefined): number | undefined =>
  input?.width && input.height ? input.width / input.height : undefined;
