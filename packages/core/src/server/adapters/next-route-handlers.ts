import type { SeedanceHandler } from '../create-seedance-handler.js';
import type { SeedanceHandlerOptions } from '../handler-options.js';
import { makeAdapterHandler } from './make-adapter-handler.js';

/** A Next.js App Router route function; Next's second argument (params) is not needed. */
export type NextRouteHandler = (request: Request, context?: unknown) => Promise<Response>;

export interface SeedanceRouteHandlers {
  readonly GET: NextRouteHandler;
  readonly POST: NextRouteHandler;
  readonly HEAD: NextRouteHandler;
  readonly handler: SeedanceHandler;
}

export interface RouteHandlersOptions {
  /**
   * Believe `X-Forwarded-Host` and `X-Forwarded-Proto` (only behind a proxy you run, which
   * overwrites them). Default false: the `Host` header is used.
   */
  readonly trustProxy?: boolean;
}

/**
 * Route functions for a catch-all route, `app/api/seedance/[...seedance]/route.ts`:
 * `export const { GET, POST, HEAD } = createRouteHandlers()`. Create them once per module so
 * tasks and polling live as long as the server process.
 */
export function createRouteHandlers(
  handlerOrOptions: SeedanceHandler | SeedanceHandlerOptions = {},
  routeOptions: RouteHandlersOptions = {},
): SeedanceRouteHandlers {
  const { serve, handler } = makeAdapterHandler(handlerOrOptions, (request: Request) => withRequestHost(request, routeOptions.trustProxy === true));
  const route: NextRouteHandler = (request) => serve(request);
  return { GET: route, POST: route, HEAD: route, handler };
}

const first = (value: string | null) => value?.split(',')[0]?.trim() || undefined;

/**
 * `next start` gives route handlers a URL on `localhost` whatever host the browser used, which
 * would fail the Origin check and put `localhost` into file URLs: rebuild it from `Host`, as the
 * node adapter does.
 */
function withRequestHost(request: Request, trustProxy: boolean): Request {
  const url = new URL(request.url);
  const host = (trustProxy && first(request.headers.get('x-forwarded-host'))) || request.headers.get('host');
  const proto = (trustProxy && first(request.headers.get('x-forwarded-proto'))) || url.protocol.slice(0, -1);
  if (!host) return request;
  const actual = new URL(`${url.pathname}${url.search}`, `${proto}://${host}`);
  if (actual.href === url.href) return request;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(actual, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    ...(hasBody && { body: request.body, duplex: 'half' }),
  } as RequestInit);
}
