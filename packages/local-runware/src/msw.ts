// @seedance-kit/local-runware/msw: the kit's real route behind msw, for an app's own tests (jsdom
// or Node). Requests the app's components make to the route reach `createSeedanceHandler` with the
// local Runware as its provider, so the tests need no key and no server of their own.
import { createSeedanceHandler, DEFAULT_BASE_PATH, type SeedanceHandler, type SeedanceHandlerOptions } from '@seedance-kit/core/server';
import { http, type HttpHandler } from 'msw';
import { localRunwareProvider } from './local-runware-provider.js';
import type { LocalRunware, LocalRunwareOptions } from './local-runware-types.js';

export interface SeedanceMswOptions {
  /** Where the app mounts the route (default `/api/seedance`), on any origin. */
  readonly basePath?: string;
  /** Handler options (policy, identify, polling …); `provider` defaults to the local Runware. */
  readonly handler?: SeedanceHandlerOptions;
  /** The simulator's options (timing, faults, `promptFaults` …) over fast test timings, or a simulator to use. */
  readonly localRunware?: LocalRunware | LocalRunwareOptions;
}

export interface SeedanceMswBackend {
  /** Pass to `setupServer(...)` or `server.use(...)`. */
  readonly handlers: readonly HttpHandler[];
  readonly handler: SeedanceHandler;
  /** The simulator: `stats`, `injectFault`, files made. */
  readonly localRunware: LocalRunware;
  /** Stops the handler's pollers and the simulator's renders; call it in `afterAll`. */
  close(): Promise<void>;
}

// Tests want seconds, not Runware's minutes: a short clip renders in well under a second.
const TEST_TIMING: LocalRunwareOptions = { timing: { ackDelayMs: 0, queueMs: 20, progressIntervalMs: 50, minRenderMs: 40 } };
const TEST_POLLING = { firstDelayMs: 10, secondDelayMs: 10, factor: 1.5, maxDelayMs: 100 };

/**
 * msw handlers serving the whole wire protocol from the kit's own handler and the local Runware.
 * In production code nothing changes: the app's components call the same route they always do.
 */
export function seedanceMswBackend(options: SeedanceMswOptions = {}): SeedanceMswBackend {
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
  const given = options.localRunware;
  // Options get the test timings under them; a simulator passed in is used as it is.
  const provider = localRunwareProvider(given !== undefined && 'stats' in given ? given : { ...TEST_TIMING, ...given });
  const handler = createSeedanceHandler({
    polling: TEST_POLLING,
    logger: { warn: () => undefined, error: () => undefined },
    basePath,
    provider,
    ...options.handler,
  });
  const serve = ({ request }: { request: Request }) => handler(request);
  return {
    handlers: [http.all(`*${basePath}`, serve), http.all(`*${basePath}/*`, serve)],
    handler,
    localRunware: provider.localRunware,
    close: () => handler.close(),
  };
}
