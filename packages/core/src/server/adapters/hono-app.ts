import { Hono, type Context } from 'hono';
import { createSeedanceHandler, type SeedanceHandler } from '../create-seedance-handler.js';
import type { SeedanceHandlerOptions } from '../handler-options.js';

/** A Hono route handler for the Seedance handler: `app.all('/api/seedance/*', seedanceHonoHandler(handler))`. */
export function seedanceHonoHandler(handler: SeedanceHandler | ((request: Request) => Promise<Response>)) {
  return (c: Context): Promise<Response> => handler(c.req.raw);
}

/**
 * A Hono app serving every route: `app.route('/api/seedance', createSeedanceHono())`. The raw
 * request keeps its full URL, so `basePath` must be the mount path (default `/api/seedance`).
 */
export function createSeedanceHono(handlerOrOptions: SeedanceHandler | SeedanceHandlerOptions = {}): Hono & { readonly seedance: SeedanceHandler } {
  const handler = typeof handlerOrOptions === 'function' ? handlerOrOptions : createSeedanceHandler(handlerOrOptions);
  const app = new Hono();
  app.all('*', seedanceHonoHandler(handler));
  return Object.assign(app, { seedance: handler });
}
