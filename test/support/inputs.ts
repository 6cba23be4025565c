/** The generation every client, controller and hook test submits: 1.2 s at 480p renders fast. */
import type { GenerationInput } from '@seedance-kit/core';

export const INPUT = { positivePrompt: 'A paper boat drifting down a rainy street', width: 864, height: 480, duration: 1.2 } as const satisfies GenerationInput;
/** A task that stays processing until cancelled (the fake client and the backend's local Runware both hold `[hold]`). */
export const HOLD = { ...INPUT, positivePrompt: 'A paper boat that never arrives [hold]' } as const satisfies GenerationInput;
