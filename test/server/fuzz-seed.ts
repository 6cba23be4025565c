/**
 * The fast-check seed of every fuzz run: `FUZZ_SEED` when set (to replay a failure, or to
 * explore with `FUZZ_SEED=$RANDOM`), else a fixed one, so CI runs the same cases every time.
 * Printed once per file, so a failing run's seed is always in its log.
 */
export const DEFAULT_FUZZ_SEED = 20_261_205;

export function fuzzSeed(file: string): number {
  const raw = process.env.FUZZ_SEED;
  const seed = raw === undefined || raw === '' ? DEFAULT_FUZZ_SEED : Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${JSON.stringify(raw)}`);
  console.log(`${file}: FUZZ_SEED=${seed}${raw === undefined || raw === '' ? ' (the default)' : ''}`);
  return seed;
}
