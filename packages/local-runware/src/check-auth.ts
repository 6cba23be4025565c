import type { JsonValue } from '@seedance-kit/core';
import { invalidApiKey, runwareError, type LocatedError } from './runware-error.js';

/**
 * Runware's two ways to authenticate: `Authorization: Bearer <key>`, or an `authentication`
 * task carrying `apiKey` in the body; using both is refused. Without a configured key any
 * credentials (or none) pass.
 */
export function checkAuth(request: Request, body: readonly JsonValue[], apiKey: string | undefined): LocatedError | undefined {
  const header = request.headers.get('authorization');
  const authTask = body.find(
    (t): t is { [key: string]: JsonValue } => typeof t === 'object' && t !== null && !Array.isArray(t) && t.taskType === 'authentication',
  );
  if (header !== null && authTask) {
    return runwareError(400, {
      code: 'incompatibleParameters',
      message: 'Authenticate with the Authorization header or an authentication task, not both.',
      parameter: ['Authorization', 'apiKey'],
      taskType: 'authentication',
    });
  }
  if (apiKey === undefined) return undefined;
  const given = header !== null ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : authTask?.apiKey;
  return given === apiKey ? undefined : invalidApiKey();
}
