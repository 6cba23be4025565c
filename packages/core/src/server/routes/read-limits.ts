import type { HandlerContext } from '../handler-context.js';
import { jsonResponse } from '../http/problem.js';
import { effectiveLimits } from '../policy.js';

/** `GET /limits`: the model's ranges narrowed by this server's policy, so the UI shows its caps. */
export function readLimits(ctx: HandlerContext): Response {
  return jsonResponse(effectiveLimits(ctx.policy, ctx.provider.name));
}
