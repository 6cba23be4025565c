import type { HandlerContext } from '../handler-context.js';
import { HttpProblem, jsonResponse } from '../http/problem.js';
import { readBody } from '../http/read-body.js';

const MAX_WEBHOOK_BYTES = 1_000_000;

/**
 * `POST /webhooks/runware?task=<id>&sig=<signature>`: one Runware result (or failure). The
 * signature is the one the server put in the task's webhook URL, compared in constant time.
 * Duplicates, other tasks' results and results for unknown or finished tasks are acknowledged
 * and ignored, so Runware stops retrying.
 */
export async function receiveWebhook(ctx: HandlerContext, request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const id = params.get('task') ?? '';
  if (!ctx.signer.verify('webhook', id, params.get('sig'))) {
    throw new HttpProblem(401, 'webhook_unauthorized', { kind: 'auth', retryable: false, detail: 'This webhook URL is not valid.' });
  }
  const text = await readBody(request, MAX_WEBHOOK_BYTES, ctx.bodyTimeoutMs);
  const delivery = ctx.provider.readWebhook(text).find((d) => d.taskUUID === id);
  const record = delivery ? await ctx.store.get(id) : undefined;
  if (!delivery || !record) return jsonResponse({ received: true, applied: false });
  const before = record.version;
  const after = await ctx.runner.applyUpdate(id, delivery.update);
  return jsonResponse({ received: true, applied: after !== undefined && after.version !== before });
}
