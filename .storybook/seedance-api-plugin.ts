import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

/** Where the widget stories find the backend, as an app would mount it. */
export const SEEDANCE_BASE_PATH = '/api/seedance';

/**
 * Words in a prompt that make the local Runware fail the way a story needs: the real handler,
 * provider and simulator run; only the simulator's fault book decides the outcome.
 */
export const FAULT_MARKERS = {
  moderation: '[fault:moderation]',
  timeout: '[fault:timeout]',
  rateLimit: '[fault:rate-limit]',
  insufficientCredits: '[fault:credits]',
} as const;

type Listener = ((req: IncomingMessage, res: ServerResponse) => void) & { readonly handler?: { close(): Promise<void> } };

/**
 * Mounts the kit's real backend handler (`createSeedanceHandler` from core's server entry, with
 * the local Runware in-process rendering real videos with ffmpeg) on the dev server at
 * `/api/seedance`, for Storybook and for the stories run as tests.
 */
export function seedanceApiPlugin(): Plugin {
  let listener: Promise<Listener> | undefined;
  const load = () =>
    (listener ??= (async () => {
      // Loaded through a Vite module runner so the TypeScript sources run as they are, no build
      // needed (the dev server's own SSR transport is not available inside vitest's browser mode).
      const entry = fileURLToPath(new URL('../packages/core/src/entries/node.ts', import.meta.url));
      const { module: node } = await runnerImport<typeof import('../packages/core/src/entries/node.js')>(entry);
      const simulator = fileURLToPath(new URL('../packages/local-runware/src/index.ts', import.meta.url));
      const { module: local } = await runnerImport<typeof import('../packages/local-runware/src/index.js')>(simulator);
      const has = (marker: string) => (task: { positivePrompt?: unknown }) => String(task.positivePrompt ?? '').includes(marker);
      const handler = node.createSeedanceHandler({
        basePath: SEEDANCE_BASE_PATH,
        secret: 'storybook-only-secret-storybook-only-secret',
        // Stories are re-run often; the per-user rate limit would get in the way.
        policy: { rateLimit: null },
        logger: { warn: () => {}, error: (message, ...details) => console.error('[seedance]', message, ...details) },
        provider: local.localRunwareProvider({
          // Quick enough for stories run as tests, slow enough to see each state.
          timing: { ackDelayMs: 50, queueMs: 400, progressIntervalMs: 150, minRenderMs: 900 },
          // Any answer shape Runware's SDKs read, by prompt: `[fault:error-in-data]`, `[fault:queued]`, … (ANSWER_SHAPES).
          promptFaults: true,
          faults: [
            { kind: 'moderation', match: has(FAULT_MARKERS.moderation) },
            { kind: 'timeout', delayMs: 600, match: has(FAULT_MARKERS.timeout) },
            { kind: 'rateLimit', match: has(FAULT_MARKERS.rateLimit) },
            { kind: 'insufficientCredits', match: has(FAULT_MARKERS.insufficientCredits) },
          ],
        }),
      });
      return node.createSeedanceRequestListener(handler) as Listener;
    })());
  return {
    name: 'seedance-kit:api',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith(`${SEEDANCE_BASE_PATH}/`)) return next();
        load().then((listen) => listen(req, res), next);
      });
      server.httpServer?.once('close', () => {
        void listener?.then((listen) => listen.handler?.close());
      });
    },
  };
}
