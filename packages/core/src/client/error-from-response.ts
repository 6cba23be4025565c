import { classifyHttpStatus } from '../errors/network-error.js';
import { DEFAULT_ERROR_MESSAGES, ERROR_KINDS, isRetryableKind, parameterOf, SeedanceError, type SeedanceErrorKind } from '../errors/seedance-error.js';
import type { Problem } from '../protocol/wire.js';

const KINDS: ReadonlySet<string> = new Set(ERROR_KINDS);

/** The input field a policy cap bounds, so a form can mark it. */
const CAP_FIELDS: Readonly<Record<string, string>> = {
  maxNumberResults: 'numberResults',
  maxDuration: 'duration',
  resolutions: 'resolution',
  outputFormats: 'outputFormat',
};

/** `value` when it is a non-empty string. */
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The `SeedanceError` for a non-2xx answer. A problem+json body from the kit's handler keeps its
 * kind, code, message and issues; anything else (a proxy's HTML page, an empty 502) is sorted by
 * its HTTP status.
 */
export async function errorFromResponse(response: Response): Promise<SeedanceError> {
  const { status } = response;
  let problem: Partial<Problem> | undefined;
  try {
    const type = response.headers.get('content-type') ?? '';
    if (/json/i.test(type)) {
      const body: unknown = JSON.parse(await response.text());
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) problem = body as Partial<Problem>;
    }
  } catch {
    // An unreadable body still has its status.
  }
  const kind: SeedanceErrorKind = typeof problem?.kind === 'string' && KINDS.has(problem.kind) ? problem.kind : classifyHttpStatus(status);
  const issues = Array.isArray(problem?.issues) ? problem.issues : undefined;
  const capField = typeof problem?.cap === 'string' ? CAP_FIELDS[problem.cap] : undefined;
  const paths = issues?.map((issue) => issue.path).filter((path) => typeof path === 'string' && path !== '') ?? (capField ? [capField] : undefined);
  // Retry-After in seconds, as the kit's handler sends it (an HTTP date is not read): when to retry.
  const after = Number(response.headers.get('retry-after') || Number.NaN);
  return new SeedanceError({
    kind,
    code: text(problem?.code) ?? `http_${status}`,
    message: text(problem?.detail) ?? text(problem?.title) ?? DEFAULT_ERROR_MESSAGES[kind],
    retryable: typeof problem?.retryable === 'boolean' ? problem.retryable : isRetryableKind(kind),
    status,
    issues,
    parameter: parameterOf(paths),
    retryAt: after >= 0 ? Date.now() + after * 1000 : undefined,
  });
}
