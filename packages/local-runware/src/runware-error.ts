import { jsonResponse } from '@seedance-kit/core/internal';

const DOCS = 'https://runware.ai/docs';

/** One entry of Runware's `errors` array, as the service writes it. */
export interface RunwareErrorEntry {
  code: string;
  message: string;
  parameter?: string | string[];
  taskType?: string;
  taskUUID?: string;
  documentation?: string;
  status?: 'error';
  type?: string;
  min?: number | bigint;
  max?: number | bigint;
  allowedValues?: readonly (string | number)[];
  videoUUID?: string;
}

/** An error entry plus the HTTP status it would be answered with if it were alone. */
export interface LocatedError {
  readonly httpStatus: number;
  readonly entry: RunwareErrorEntry;
}

export function runwareError(httpStatus: number, entry: RunwareErrorEntry): LocatedError {
  return { httpStatus, entry: { documentation: DOCS, ...entry } };
}

/** A reply with only errors, at the status of the first one. */
export function errorResponse(errors: readonly LocatedError[], headers: Record<string, string> = {}): Response {
  return jsonResponse({ errors: errors.map((e) => e.entry) }, errors[0]?.httpStatus ?? 400, headers);
}

export const invalidApiKey = (): LocatedError =>
  runwareError(401, {
    code: 'invalidApiKey',
    message: 'Invalid API key. Get one at https://my.runware.ai/signup',
    parameter: 'apiKey',
    taskType: 'authentication',
  });

export function serverErrorFor(status: number): LocatedError {
  const code = status === 503 ? 'serviceUnavailable' : status === 500 ? 'internalServerError' : 'serverError';
  return runwareError(status, { code, message: `The service is temporarily unavailable (HTTP ${status}). Try again shortly.` });
}
