import { createSeedanceHandler, type SeedanceHandler } from '../create-seedance-handler.js';
import type { SeedanceHandlerOptions } from '../handler-options.js';

/** A Next.js App Router route function; Next's second argument (params) is not needed. */
export type NextRouteHandler = (request: Request, context?: unknown) => Promise<Response>;

export interface SeedanceRouteHandlers {
  readonly GET: NextRouteHandler;
  readonly POST: NextRouteHandler;
  readonly HEAD: NextRouteHandler;
  readonly handler: SeedanceHandler;
}

/**
 * Route functions for a catch-all route, `app/api/seedance/[...seedance]/route.ts`:
 * `export const { GET, POST, HEAD } = createRouteHandlers()`. Create them once per module so
 * tasks and polling live as long as the server process.
 */
export function createRouteHandlers(handlerOrOptions: SeedanceHandler | SeedanceHandlerOptions = {}): SeedanceRouteHandlers {
  const handler = typeof handlerOrOptions === 'function' ? handlerOrOptions : createSeedanceHandler(handlerOrOptions);
  const route: NextRouteHandler = (request) => handler(request);
  return { GET: route, POST: route, HEAD: route, handler };
}
