import { TOKEN_QUERY_PARAM } from '../../protocol/wire.js';
import type { HandlerContext } from '../handler-context.js';
import { HttpProblem } from '../http/problem.js';

/**
 * `GET|HEAD /files/:name?token=`: a video the embedded local Runware made, forwarded with its
 * Range headers (so <video> can seek). The token is the file URL's signature from the snapshot.
 */
export async function serveFile(ctx: HandlerContext, request: Request, name: string): Promise<Response> {
  const token = new URL(request.url).searchParams.get(TOKEN_QUERY_PARAM);
  if (!ctx.provider.serveFile || !ctx.signer.verify('file', name, token)) {
    throw new HttpProblem(404, 'file_not_found', { kind: 'not_found', retryable: false });
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
