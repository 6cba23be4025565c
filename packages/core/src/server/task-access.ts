import { HEADERS, TOKEN_QUERY_PARAM } from '../protocol/wire.js';
import type { HandlerContext } from './handler-context.js';
import { HttpProblem } from './http/problem.js';
import type { TaskRecord } from './store/task-store.js';

export const ANONYMOUS_OWNER = 'anonymous';

/** The owner string for a request: `user:<id>` with `identify` (401 when nobody), else `anonymous`. */
export async function ownerOf(ctx: HandlerContext, request: Request): Promise<string> {
  if (!ctx.identify) return ANONYMOUS_OWNER;
  const id = await ctx.identify(request);
  if (typeof id !== 'string' || id === '') {
    throw new HttpProblem(401, 'unauthenticated', { kind: 'auth', detail: 'Sign in to make videos.', retryable: false });
  }
  return `user:${id}`;
}

/** The task token proving ownership without `identify`. */
export function taskToken(ctx: HandlerContext, id: string): string {
  return ctx.signer.sign('task', id);
}

/**
 * The record when the request may see it: with `identify`, the same user; without, the signed
 * token from the header or `?token=`. Anything else is a 404, as if the task did not exist.
 */
export async function loadOwnedTask(ctx: HandlerContext, request: Request, id: string): Promise<TaskRecord> {
  const notFound = () => new HttpProblem(404, 'task_not_found', { kind: 'not_found', retryable: false });
  const owner = await ownerOf(ctx, request);
  let allowed: boolean;
  if (ctx.identify) allowed = true;
  else {
    const token = request.headers.get(HEADERS.taskToken) ?? new URL(request.url).searchParams.get(TOKEN_QUERY_PARAM);
    allowed = ctx.signer.verify('task', id, token);
  }
  if (!allowed) throw notFound();
  const record = await ctx.store.get(id);
  if (!record || record.owner !== owner) throw notFound();
  return record;
}
