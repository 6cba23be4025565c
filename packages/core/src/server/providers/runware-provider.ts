import { errorFromRunware, timeoutError, type TaskError } from '../../errors/index.js';
import { stringifyJson } from '../../json/index.js';
import { buildRunwareTask, parseRunwareResponse, type RunwareErrorItem, type RunwareResponse } from '../../runware/index.js';
import { RUNWARE_RUNNING_STATUSES } from '../../runware/parse-response.js';
import type { TaskResult } from '../../task/index.js';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { DEFAULT_POLLING, type PollingOptions } from './poll-schedule.js';
import { scrubSecret } from './scrub-secret.js';
import type { PollOutcome, ProviderSubmission, ProviderUpdate, SubmitOutcome, VideoProvider, WebhookDelivery } from './video-provider.js';

export const RUNWARE_API_URL = 'https://api.runware.ai/v1';

export interface RunwareProviderOptions {
  /** Sent as `Authorization: Bearer`; never logged, never returned. */
  readonly apiKey: string;
  /** Default `https://api.runware.ai/v1`; the local Runware's `listen()` URL for tests. */
  readonly baseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly polling?: Partial<PollingOptions>;
  /** Per HTTP request. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Extra submits with the same taskUUID after an unclear answer. Default 3. */
  readonly submitRetries?: number;
  /** First wait before such a retry, doubled each time. Default 1 s. */
  readonly submitRetryDelayMs?: number;
  readonly clock?: Clock;
  /** Where a status Runware has not used before is reported (once each). Default: not reported. */
  readonly logger?: Logger;
  /** `local` when `baseUrl`/`fetch` lead to the local Runware. */
  readonly name?: 'runware' | 'local';
  /** Serves the provider's files (the embedded local Runware). */
  readonly serveFile?: (name: string, request: Request) => Promise<Response>;
  readonly close?: () => Promise<void>;
}

/** A Runware answer as the provider reads it. */
type Exchange =
  | { readonly kind: 'answer'; readonly status: number; readonly body: RunwareResponse; readonly retryAfterMs?: number }
  | { readonly kind: 'failed'; readonly error: TaskError };

// Runware refuses a taskUUID it has seen: after an unclear submit, that refusal means "arrived".
const DUPLICATE_TASK = /duplicat|alreadyExists|alreadyInUse|taskUUIDInUse|existingTask/i;

/**
 * Runware's REST API: one `videoInference` submit (async delivery), `getResponse` polls, and
 * webhook bodies. A submit that may have reached Runware without a clear answer is retried only
 * with the same taskUUID (Runware refuses a duplicate), so a task is charged at most once.
 */
export function createRunwareProvider(options: RunwareProviderOptions): VideoProvider {
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new TypeError('createRunwareProvider needs an apiKey');
  const baseUrl = options.baseUrl ?? RUNWARE_API_URL;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const clock = options.clock ?? systemClock;
  const polling: PollingOptions = { ...DEFAULT_POLLING, ...options.polling };
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const submitRetries = options.submitRetries ?? 3;
  const submitRetryDelayMs = options.submitRetryDelayMs ?? 1_000;

  async function send(tasks: readonly unknown[], signal?: AbortSignal): Promise<Exchange> {
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(baseUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${apiKey}` },
        body: stringifyJson(tasks),
        signal: combined,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return { kind: 'failed', error: timeout.aborted ? timeoutError('requestTimeout') : providerUnreachable() };
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
    return { kind: 'answer', status: response.status, body: noteStatuses(parseRunwareResponse(text)), ...(retryAfterMs !== undefined && { retryAfterMs }) };
  }

  /** One submit attempt: accepted, refused for good, or unclear (may have arrived). */
  async function submitOnce(
    submission: ProviderSubmission,
    signal?: AbortSignal,
  ): Promise<{ readonly result: 'accepted'; readonly update?: ProviderUpdate } | { readonly result: 'refused' | 'unclear' | 'busy'; readonly error: TaskError; readonly retryAfterMs?: number }> {
    const task = buildRunwareTask(submission.input, {
      taskUUID: submission.taskUUID,
      ...(submission.webhookURL !== undefined && { webhookURL: submission.webhookURL }),
      ...(submission.uploadEndpoint !== undefined && { uploadEndpoint: submission.uploadEndpoint }),
      ...(submission.ttl !== undefined && { ttl: submission.ttl }),
      ...(submission.includeCost !== undefined && { includeCost: submission.includeCost }),
    });
    const exchange = await send([task], signal);
    if (exchange.kind === 'failed') return { result: 'unclear', error: exchange.error };
    const { status, body } = exchange;
    const ours = body.errors.filter((e) => e.taskUUID === undefined || e.taskUUID === submission.taskUUID);
    const duplicate = ours.find((e) => DUPLICATE_TASK.test(e.code));
    if (duplicate) return { result: 'accepted' };
    const acked = body.data.some((item) => item.taskUUID === submission.taskUUID);
    const first = ours[0];
    if (first) {
      const error = errorFromRunware(first, status >= 400 ? status : undefined);
      if (acked && status < 400) return accepted(body, submission.taskUUID);
      if (error.kind === 'rate_limit') return { result: 'busy', error, ...retryAfter(exchange) };
      // A 5xx may have been answered after the task was queued: unclear, not refused.
      if (status >= 500 || error.kind === 'provider' || error.kind === 'timeout' || error.kind === 'unknown') return { result: 'unclear', error };
      return { result: 'refused', error };
    }
    // A 2xx with no error is an ack even without an item (`{"data": []}`): Runware's SDK polls.
    if (status < 300 && body.malformed.every((m) => m.where !== 'body')) return accepted(body, submission.taskUUID);
    if (status === 429) return { result: 'busy', error: errorFromRunware({ code: 'rateLimitExceeded' }, status), ...retryAfter(exchange) };
    if (status >= 400 && status < 500) return { result: 'refused', error: errorFromRunware({ code: `http${status}` }, status) };
    return { result: 'unclear', error: malformedError(status) };
  }

  async function poll(taskUUID: string, signal?: AbortSignal): Promise<PollOutcome> {
    const exchange = await send([{ taskType: 'getResponse', taskUUID }], signal);
    if (exchange.kind === 'failed') return { ok: false, error: exchange.error };
    const { status, body } = exchange;
    if (status === 429 || status >= 500) {
      const item = body.errors[0] ?? { code: status === 429 ? 'rateLimitExceeded' : 'serverError' };
      return { ok: false, error: errorFromRunware(item, status), ...retryAfter(exchange) };
    }
    // A refusal's status says enough without a readable body (a 401 with none is still a 401).
    if (status < 400 && body.malformed.some((m) => m.where === 'body')) return { ok: false, error: malformedError(status) };
    const update = updateFor(body, taskUUID, status >= 400 ? status : undefined);
    if (!update.error && status >= 400) {
      // A refusal not tied to the task (a revoked key, a bad request) ends it too.
      const general = body.errors[0] ?? { code: `http${status}` };
      return { ok: true, update: { ...update, error: errorFromRunware(general, status) } };
    }
    return { ok: true, update };
  }

  /** Submits with the same taskUUID until the answer is clear, then asks once if still unclear. */
  async function submit(submission: ProviderSubmission, signal?: AbortSignal): Promise<SubmitOutcome> {
    let unclear = false;
    let lastError: TaskError | undefined;
    let lastRetryAfter: number | undefined;
    for (let attempt = 0; attempt <= submitRetries; attempt++) {
      if (attempt > 0) {
        const wait = Math.max(submitRetryDelayMs * 2 ** (attempt - 1), lastRetryAfter ?? 0);
        await clock.sleep(wait, signal);
      }
      const outcome = await submitOnce(submission, signal);
      if (outcome.result === 'accepted') return { accepted: true, ...(outcome.update && { update: outcome.update }) };
      if (outcome.result === 'refused') {
        // After an unclear attempt, a refusal of the retry cannot prove the first never ran:
        // only a duplicate refusal (handled above) says anything; fall through to the check.
        if (!unclear) return { accepted: false, error: outcome.error };
        lastError = outcome.error;
        break;
      }
      if (outcome.result === 'unclear') unclear = true;
      lastError = outcome.error;
      lastRetryAfter = 'retryAfterMs' in outcome ? outcome.retryAfterMs : undefined;
    }
    if (unclear) {
      // Ask once whether the task is there after all, before calling it failed.
      const check = await poll(submission.taskUUID, signal);
      if (check.ok && !check.update.error && (check.update.processing || check.update.results.length > 0)) {
        return { accepted: true, update: check.update };
      }
    }
    return { accepted: false, error: lastError ?? providerUnreachable() };
  }

  // Any field of a provider answer may echo the key back; nothing that leaves here carries it.
  const scrub = <T>(value: T): T => scrubSecret(value, apiKey);

  // Statuses are open-ended: one not seen before is still a running task, said once in the log.
  const seenStatuses = new Set<string>(RUNWARE_RUNNING_STATUSES);
  function noteStatuses(body: RunwareResponse): RunwareResponse {
    for (const item of body.data) {
      if (item.status !== 'processing' || item.providerStatus === undefined || seenStatuses.has(item.providerStatus)) continue;
      seenStatuses.add(item.providerStatus);
      options.logger?.warn(scrub(`seedance: Runware reported status "${item.providerStatus.slice(0, 64)}", not one the kit knows; the task is treated as still running.`));
    }
    return body;
  }

  return {
    name: options.name ?? 'runware',
    polling,
    submit: async (submission, signal) => {
      const outcome = await submit(submission, signal);
      return scrub(outcome);
    },
    poll: async (taskUUID, signal) => {
      const outcome = await poll(taskUUID, signal);
      return scrub(outcome);
    },
    readWebhook(text) {
      const body = noteStatuses(parseRunwareResponse(text));
      const ids = new Set<string>();
      for (const item of [...body.data, ...body.errors]) if (item.taskUUID) ids.add(item.taskUUID);
      return [...ids].map((taskUUID): WebhookDelivery => ({ taskUUID, update: scrub(updateFor(body, taskUUID, undefined, false)) }));
    },
    ...(options.serveFile && { serveFile: options.serveFile }),
    ...(options.close && { close: options.close }),
  };
}

/**
 * An ack. Its placeholder item (`taskType` + `taskUUID` only) reads as "processing", but it only
 * means "queued": just results that came with it count.
 */
function accepted(body: RunwareResponse, taskUUID: string): { readonly result: 'accepted'; readonly update?: ProviderUpdate } {
  const { results, error } = updateFor(body, taskUUID);
  return results.length > 0 || error ? { result: 'accepted', update: { results, processing: false, ...(error && { error }) } } : { result: 'accepted' };
}

/**
 * Results, progress and failure for one task out of a Runware answer. In the answer to a
 * request about this one task (`asked`), an item or error naming no task is about it, as
 * runware-sdk reads REST answers; a webhook body must name its task.
 */
function updateFor(body: RunwareResponse, taskUUID: string, status?: number, asked = true): ProviderUpdate {
  const ours = (id: string | undefined) => id === taskUUID || (asked && id === undefined);
  const results: TaskResult[] = [];
  let progress: number | undefined;
  let processing = false;
  for (const item of body.data) {
    if (!ours(item.taskUUID)) continue;
    if (item.status === 'success') {
      results.push({
        videoUUID: item.videoUUID,
        videoURL: item.videoURL,
        ...(item.seed !== undefined && { seed: item.seed }),
        ...(item.cost !== undefined && { cost: item.cost }),
        ...(item.NSFWContent !== undefined && { NSFWContent: item.NSFWContent }),
      });
    } else {
      processing = true;
      if (item.progress !== undefined) progress = Math.max(progress ?? 0, item.progress);
    }
  }
  const failure: RunwareErrorItem | undefined = body.errors.find((e) => e.taskUUID === taskUUID) ?? body.errors.find((e) => ours(e.taskUUID));
  return {
    results,
    processing,
    ...(progress !== undefined && { progress }),
    ...(failure && { error: errorFromRunware(failure, status) }),
  };
}

function malformedError(status: number): TaskError {
  return { kind: 'provider', code: 'malformedResponse', message: 'The video service sent an answer that could not be read.', retryable: true, status };
}

function retryAfter(exchange: Exchange): { retryAfterMs?: number } {
  return exchange.kind === 'answer' && exchange.retryAfterMs !== undefined ? { retryAfterMs: exchange.retryAfterMs } : {};
}

/** `Retry-After` as seconds or an HTTP date, in ms from now. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The server could not reach Runware. Not the kit's `network` kind: that one tells end users to
 * check their own connection, which is fine here.
 */
function providerUnreachable(): TaskError {
  return { kind: 'provider', code: 'providerUnreachable', message: 'The video service could not be reached. Trying again may work.', retryable: true };
}
