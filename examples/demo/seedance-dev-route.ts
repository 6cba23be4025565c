import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSeedanceHandler, createSeedanceRequestListener, keepOnDisk } from '@seedance-kit/core/node';
import type { SeedanceHandlerOptions } from '@seedance-kit/core/server';
import type { Connect, Plugin } from 'vite';

/** Where kept videos are served. */
export const VIDEOS_PATH = '/videos';

/**
 * Mounts the kit's backend route in Vite's dev and preview servers, through the kit's own
 * node:http adapter: the same code a product team's Node server runs.
 */
export function seedanceDevRoute({ keepDir, ...options }: SeedanceHandlerOptions & { basePath: string; keepDir?: string }): Plugin {
  let route: { handler: ReturnType<typeof createSeedanceHandler>; listener: ReturnType<typeof createSeedanceRequestListener> } | undefined;
  const create = () => {
    // With `keepDir`, every finished video is copied there (the handler's keepResult) and served
    // at /videos/…: the links the app saves outlive the provider's.
    const kept = keepDir === undefined ? undefined : keepOnDisk({ dir: keepDir, publicPath: VIDEOS_PATH });
    const handler = createSeedanceHandler({ ...options, ...(kept && { keepResult: kept }) });
    const listener = createSeedanceRequestListener((request) =>
      kept && new URL(request.url).pathname.startsWith(`${VIDEOS_PATH}/`) ? kept.serve(request) : handler(request),
    );
    return { handler, listener };
  };
  const middleware: Connect.NextHandleFunction = (req: IncomingMessage, res: ServerResponse, next) => {
    // Mounted at the root, so connect leaves `req.url` whole.
    const path = req.url ?? '/';
    const ours = path === options.basePath || path.startsWith(`${options.basePath}/`) || path.startsWith(`${options.basePath}?`);
    if (!ours && !(keepDir !== undefined && path.startsWith(`${VIDEOS_PATH}/`))) return next();
    route ??= create();
    route.listener(req, res);
  };
  // Stop polling (and the embedded local Runware with its ffmpeg processes) with the server.
  const closeHandler = () => {
    const handler = route?.handler;
    route = undefined;
    void handler?.close();
  };
  return {
    name: 'seedance-dev-route',
    configureServer(server) {
      server.middlewares.use(middleware);
      server.httpServer?.once('close', closeHandler);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
      server.httpServer.once('close', closeHandler);
    },
  };
}
