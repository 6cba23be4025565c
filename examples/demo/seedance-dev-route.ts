import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSeedanceRequestListener } from '@seedance-kit/core/node';
import type { SeedanceHandlerOptions } from '@seedance-kit/core/server';
import type { Connect, Plugin } from 'vite';

/**
 * Mounts the kit's backend route in Vite's dev and preview servers, through the kit's own
 * node:http adapter: the same code a product team's Node server runs.
 */
export function seedanceDevRoute(options: SeedanceHandlerOptions & { basePath: string }): Plugin {
  let listener: ReturnType<typeof createSeedanceRequestListener> | undefined;
  const middleware: Connect.NextHandleFunction = (req: IncomingMessage, res: ServerResponse, next) => {
    // Mounted at the root, so connect leaves `req.url` whole.
    const path = req.url ?? '/';
    if (path !== options.basePath && !path.startsWith(`${options.basePath}/`) && !path.startsWith(`${options.basePath}?`)) return next();
    listener ??= createSeedanceRequestListener(options);
    listener(req, res);
  };
  // Stop polling (and the embedded local Runware with its ffmpeg processes) with the server.
  const closeHandler = () => {
    const handler = listener?.handler;
    listener = undefined;
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
