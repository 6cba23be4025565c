import { isTerminal } from '../../task/index.js';
import { mountUrl, videoUrlResolver, type HandlerContext } from '../handler-context.js';
import { checkOrigin } from '../http/check-origin.js';
import { HttpProblem, jsonResponse } from '../http/problem.js';
import { toSnapshot } from '../snapshot.js';
import { loadOwnedTask } from '../task-access.js';

/**
 * `POST /tasks/:id/cancel`. Runware has no cancel API: the task is marked cancelled, polling
 * stops and later results are ignored (Runware may still finish, and charge for, the video).
 * Cancelling a cancelled task answers its snapshot again; a finished one is a 409.
 */
export async function cancelTask(ctx: HandlerContext, request: Request, id: string): Promise<Response> {
  checkOrigin(request, new URL(mountUrl(ctx, request)).origin, ctx.policy.allowedOrigins);
  const record = await loadOwnedTask(ctx, request, id);
  const after = record.state.status === 'cancelled' ? record : await ctx.runner.cancel(id);
  if (!after) throw new HttpProblem(404, 'task_not_found', { kind: 'not_found', retryable: false });
  if (after.state.status !== 'cancelled' && isTerminal(after.state.status)) {
    throw new HttpProblem(409, 'task_not_cancellable', {
      kind: 'validation',
      retryable: false,
      detail: `The task already ${after.state.status === 'succeeded' ? 'finished' : after.state.status}; there is nothing to cancel.`,
    });
  }
  return jsonResponse(toSnapshot(after, videoUrlResolver(ctx, request), ctx.clock.now()));
}
