import { DEFAULT_ERROR_MESSAGES, isRetryableKind, type SeedanceErrorKind, type TaskError, type TaskResult } from '@seedance-kit/core';

/**
 * Results for the state stories: real little MP4 files served from `.storybook/public/samples`
 * (made by `.storybook/make-samples.sh`), described the way the wire protocol delivers them.
 * Story-only: not exported from the package.
 */
export function sampleResult(n: number, extra: Partial<TaskResult> = {}): TaskResult {
  return {
    videoUUID: `5f0c7e1a-0000-4000-8000-00000000000${n}`,
    videoURL: `/samples/sample-${((n - 1) % 4) + 1}.mp4`,
    seed: ['74606', '51013', '3032', '9223372036854775807'][(n - 1) % 4] as string,
    cost: 0.03811,
    ...extra,
  };
}

/** A task error of a kind, with the kit's default message and retryability for it. */
export function sampleError(kind: SeedanceErrorKind, code: string): TaskError {
  return { kind, code, message: DEFAULT_ERROR_MESSAGES[kind], retryable: isRetryableKind(kind) };
}
