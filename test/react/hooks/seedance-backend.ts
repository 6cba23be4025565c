/** The real handler behind msw, for the hooks tests: every request the hooks make reaches it. */
import type { GenerationInput } from '@seedance-kit/core';
import type { SeedanceHandler, SeedanceHandlerOptions } from '@seedance-kit/core/server';
import type { LocalRunware, LocalRunwareOptions } from '@seedance-kit/local-runware';
import { seedanceMswBackend } from '@seedance-kit/local-runware/msw';
import { setupServer, type SetupServerApi } from 'msw/node';

/** Short simulator and polling timings so a 1.2 s clip is done in a few hundred ms. */
export const FAST: SeedanceHandlerOptions = {
  secret: 'hooks-test-secret-0123456789abcdef',
  polling: { firstDelayMs: 10, secondDelayMs: 10, factor: 1.5, maxDelayMs: 50 },
  policy: { rateLimit: null },
  logger: { warn: () => undefined, error: () => undefined },
};

/** The simulator's settings: each backend gets its own local Runware with them. */
export const LOCAL: LocalRunwareOptions = {
  timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 0, minRenderMs: 40 },
  // A prompt with [hold] never finishes (until the handler closes): for cancel and abort tests, no render spent.
  faults: [{ kind: 'timeout', delayMs: 600_000, match: (task) => task.positivePrompt.includes('[hold]') }],
};

/** Per-test limit where real videos are rendered: well under 1 s normally, more on a loaded 2-core CI box. */
export const RENDER_TIMEOUT = 20_000;

export const INPUT: GenerationInput = { positivePrompt: 'A paper boat drifting down a rainy street', width: 864, height: 480, duration: 1.2 };
/** A task that stays processing until cancelled. */
export const HOLD: GenerationInput = { ...INPUT, positivePrompt: 'A paper boat that never arrives [hold]' };
export const ENDPOINT = 'http://localhost:3000/api/seedance';

export interface MswBackend {
  readonly handler: SeedanceHandler;
  /** The simulator behind the handler (when no other provider was passed). */
  readonly localRunware: LocalRunware;
  readonly server: SetupServerApi;
  /** Requests seen, as `METHOD /path`. */
  readonly seen: string[];
  /** `videoInference` tasks the simulator accepted: what would have been paid for. */
  submitted(): number;
  close(): Promise<void>;
}

export function startMswBackend(options: SeedanceHandlerOptions = {}, simulator: LocalRunwareOptions = LOCAL): MswBackend {
  // As an app's own tests would: the kit's msw handlers, with this suite's timings and faults.
  const backend = seedanceMswBackend({ localRunware: simulator, handler: { ...FAST, ...options, policy: { ...FAST.policy, ...options.policy } } });
  const seen: string[] = [];
  const server = setupServer(...backend.handlers);
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname.startsWith('/api/seedance/')) seen.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  server.listen({ onUnhandledRequest: 'error' });
  return {
    handler: backend.handler,
    localRunware: backend.localRunware,
    server,
    seen,
    submitted: () => backend.localRunware.stats.submitted,
    async close() {
      server.close();
      await backend.close();
    },
  };
}
