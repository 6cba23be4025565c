import { HEADERS } from '../../protocol/wire.js';
import { HttpProblem } from './problem.js';

/** Request headers a browser on an allowed origin may send. */
const ALLOW_HEADERS = ['Content-Type', HEADERS.idempotencyKey, HEADERS.taskToken, HEADERS.lastEventId].join(', ');
/** Response headers its script may read. */
const EXPOSE_HEADERS = ['Location', HEADERS.idempotentReplay, 'Retry-After', 'Content-Range', 'Accept-Ranges', 'Content-Length'].join(', ');

/**
 * Answers a CORS preflight from an allowed origin (a widget served from another origin, listed
 * in `policy.allowedOrigins`); any other preflight is refused.
 */
export function preflight(request: Request, allowed: boolean): Response {
  const origin = request.headers.get('origin');
  if (origin === null || !allowed) {
    throw new HttpProblem(403, 'origin_not_allowed', { kind: 'policy', retryable: false, detail: 'This origin may not call this API.' });
  }
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, HEAD, POST',
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    },
  });
}

/** The same response, readable by a script on `origin` (an allowed one). */
export function withCors(response: Response, origin: string): Response {
  const headers = new Headers(response.headers);
  headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  headers.append('Vary', 'Origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
