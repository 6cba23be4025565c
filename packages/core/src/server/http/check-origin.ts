import { HttpProblem } from './problem.js';

export type AllowedOrigins = readonly string[] | ((origin: string, request: Request) => boolean);

/**
 * CSRF guard for requests that change something. Browsers send `Origin` on every cross-site
 * (and same-origin) POST; it must be the handler's own origin (`ownOrigin`) or an allowed
 * one. No `Origin` at all means a non-browser client, which CSRF cannot forge, unless
 * `Sec-Fetch-Site` says the request came from another site.
 */
export function checkOrigin(request: Request, ownOrigin: string, allowed?: AllowedOrigins): void {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const refuse = (what: string) =>
    new HttpProblem(403, 'origin_not_allowed', { kind: 'policy', detail: `Requests from ${what} are not allowed.`, retryable: false });
  if (origin === null) {
    if (site === 'cross-site') throw refuse('another site');
    return;
  }
  if (origin === 'null') throw refuse('an opaque origin');
  if (!sameOrigin(ownOrigin, origin) && !isAllowedOrigin(origin, request, allowed)) throw refuse(origin);
}

/** Whether `origin` is one the policy lists (the handler's own origin aside). */
export function isAllowedOrigin(origin: string, request: Request, allowed?: AllowedOrigins): boolean {
  if (origin === 'null') return false;
  return typeof allowed === 'function' ? allowed(origin, request) : (allowed ?? []).some((o) => sameOrigin(o, origin));
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
