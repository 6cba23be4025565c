import { isActive } from '../../task/index.js';
import { videoUrlResolver, type HandlerContext } from '../handler-context.js';
import { jsonResponse } from '../http/problem.js';
import { toSnapshot } from '../snapshot.js';
import { loadOwnedTask } from '../task-access.js';

/** `GET /tasks/:id`: the snapshot, for its owner only (404 for anyone else). */
export async function readTask(ctx: HandlerContext, request: Request, id: string): Promise<Response> {
  const record = await loadOwnedTask(ctx, request, id);
  // If the instance polling it went away, this one takes over (the lease decides).
  if (isActive(record.state.status)) ctx.runner.watch(id);
  ctx.runner.resumeKeeping(record);
  return jsonResponse(toSnapshot(record, videoUrlResolver(ctx, request), ctx.clock.now()));
}
