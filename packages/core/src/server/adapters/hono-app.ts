import { Hono, type Context } from 'hono';
import type { SeedanceHandler } from '../create-seedance-handler.js';
import type { SeedanceHandlerOptions } from '../handler-options.js';
import { makeAdapterHandler } from './make-adapter-handler.js';

/** A Hono route handler for the Seedance handler: `app.all('/api/seedance/*', seedanceHonoHandler(handler))`. */
export function seedanceHonoHandler(handler: SeedanceHandler | ((request: Request) => Promise<Response>)) {
  return makeAdapterHandler(handler, (c: Context) => c.req.raw).serve;
}

/**
 * A Hono app serving every route: `app.route('/api/seedance', createSeedanceHono())`. The raw
 * request keeps its full URL, so `basePath` must be the mount path (default `/api/seedance`).
 */
export function createSeedanceHono(handlerOrOptions: SeedanceHandler | SeedanceHandlerOptions = {}): Hono & { readonly seedance: SeedanceHandler } {
  const { serve, handler } = makeAdapterHandler(handlerOrOptions, (c: Context) => c.req.raw);
  const app = new Hono();
  app.all('*', serve);
  return Object.assign(app, { seedance: handler });
}
