import type { SeedancePolicy } from '@seedance-kit/core/server';

/**
 * What a demo visitor may spend when the demo runs on real Runware (RUNWARE_API_KEY set): two
 * videos per task, about 10 cents per task, a dollar an hour. The local Runware is free and
 * runs without caps.
 */
export const REAL_RUNWARE_POLICY: SeedancePolicy = {
  maxNumberResults: 2,
  maxTaskCostUsd: 0.1,
  maxHourlyCostUsd: 1,
};
