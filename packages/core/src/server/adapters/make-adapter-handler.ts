import { createSeedanceHandler, type SeedanceHandler } from '../create-seedance-handler.js';
import type { SeedanceHandlerOptions } from '../handler-options.js';

/** Any Web-standard handler: the Seedance handler, a Hono app's `fetch`, … */
export type WebHandler = (request: Request) => Response | Promise<Response>;

export interface AdapterHandler<Args extends unknown[], H extends WebHandler> {
  /** The framework's arguments in, the handler's `Response` out (a failure to translate rejects). */
  readonly serve: (...args: Args) => Promise<Response>;
  readonly handler: H;
  /** The handler when the adapter built it from options (adapters expose it), else undefined. */
  readonly built: SeedanceHandler | undefined;
}

/**
 * What every framework adapter shares, after uploadthing's `makeAdapterHandler`: take a handler,
 * or build the Seedance handler from options, and feed it the Web `Request` that `toRequest`
 * makes of the framework's arguments. An adapter is then only its two translations, arguments in
 * and the `Response` out.
 */
export function makeAdapterHandler<Args extends unknown[], H extends WebHandler = SeedanceHandler>(
  handlerOrOptions: H | SeedanceHandlerOptions,
  toRequest: (...args: Args) => Request,
): AdapterHandler<Args, H | SeedanceHandler> {
  const built = typeof handlerOrOptions === 'function' ? undefined : createSeedanceHandler(handlerOrOptions);
  const handler: H | SeedanceHandler = built ?? (handlerOrOptions as H);
  return { handler, built, serve: async (...args) => handler(toRequest(...args)) };
}
