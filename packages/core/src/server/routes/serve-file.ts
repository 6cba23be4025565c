import { TOKEN_QUERY_PARAM } from '../../protocol/wire.js';
import type { HandlerContext } from '../handler-context.js';
import { HttpProblem } from '../http/problem.js';

/**
 * `GET|HEAD /files/:name?token=`: a video the embedded local Runware made, forwarded with its
 * Range headers (so <video> can seek). The token is the file URL's signature from the snapshot,
 * with the expiry of the task's record.
 */
export async function serveFile(ctx: HandlerContext, request: Request, name: string): Promise<Response> {
  const token = new URL(request.url).searchParams.get(TOKEN_QUERY_PARAM);
  // The token expires with the task's record: a link kept after the task is gone stops working.
  const check = ctx.signer.verifyUntil('file', name, token, ctx.clock.now());
  if (!ctx.provider.serveFile || check === 'invalid') {
    throw new HttpProblem(404, 'file_not_found', { kind: 'not_found', retryable: false });
  }
  if (check === 'expired') {
    throw new HttpProblem(410, 'file_not_found', { kind: 'not_found', retryable: false, detail: 'This video link has expired.' });
  }
  const upstream = await ctx.provider.serveFile(name, request);
  if (upstream.status === 404 || upstream.status === 410) {
    await upstream.body?.cancel().catch(() => undefined);
    throw new HttpProblem(upstream.status, 'file_not_found', {
      kind: 'not_found',
      retryable: false,
      detail: upstream.status === 410 ? 'This video link has expired.' : 'This video file was not found.',
    });
  }
  const headers = new Headers();
  for (const name of ['content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified']) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set('cache-control', 'private, max-age=3600');
  return new Response(request.method === 'HEAD' ? null : upstream.body, { status: upstream.status, headers });
}
