import { createHash, randomUUID } from 'node:crypto';
import { JsonParseError, parseJson, stringifyJson } from '../../json/index.js';
import { HEADERS, IDEMPOTENCY_KEY_PATTERN, ROUTES, type CreateTaskResponse } from '../../protocol/wire.js';
import { formatIssueMessage } from '../../spec/messages.js';
import { randomSeed } from '../../spec/seed.js';
import { validateGenerationInput } from '../../spec/validate-generation.js';
import { initialTaskState, transition } from '../../task/index.js';
import type { GenerationInput } from '../../spec/generation-input.js';
import { mountUrl, videoUrlResolver, type HandlerContext } from '../handler-context.js';
import { checkOrigin } from '../http/check-origin.js';
import { HttpProblem, jsonResponse } from '../http/problem.js';
import { readBody } from '../http/read-body.js';
import { checkCaps, estimateTaskCost } from '../policy.js';
import { toSnapshot } from '../snapshot.js';
import type { UploadTarget } from '../keep/keep-types.js';
import type { TaskRecord } from '../store/task-store.js';
import { ownerOf, taskToken } from '../task-access.js';

const HOUR_MS = 3_600_000;
const MICRO = 1_000_000;

/**
 * `POST /tasks`: checks origin, type, size, identity, body, policy, rate and spend (in that
 * order, each before Runware is called), stores the task (once per Idempotency-Key), submits it
 * and answers 201 with its snapshot and token; a replay answers 200 with the same task.
 */
export async function createTask(ctx: HandlerContext, request: Request): Promise<Response> {
  const { policy, store, clock } = ctx;
  checkOrigin(request, new URL(mountUrl(ctx, request)).origin, policy.allowedOrigins);
  requireJson(request);
  const owner = await ownerOf(ctx, request);

  const rawKey = request.headers.get(HEADERS.idempotencyKey);
  if (rawKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(rawKey)) {
    throw new HttpProblem(400, 'invalid_idempotency_key', {
      kind: 'validation',
      retryable: false,
      detail: `${HEADERS.idempotencyKey} must be 16–255 printable ASCII characters (a UUID v4 is ideal).`,
    });
  }
  const idempotencyKey = rawKey === null ? undefined : `${owner} ${rawKey}`;

  const input = parseInput(await readBody(request, policy.maxBodyBytes, ctx.bodyTimeoutMs));
  const requestHash = createHash('sha256').update(stringifyJson(input)).digest('base64url');

  if (idempotencyKey !== undefined) {
    const existing = await store.findByIdempotencyKey(idempotencyKey);
    if (existing) return replay(ctx, request, existing, requestHash);
  }

  checkCaps(input, policy);
  const bucket = ctx.rateLimitKey ? await ctx.rateLimitKey(request, owner) : owner;
  const refundRate = await takeRateLimit(ctx, bucket);
  const estimatedCostUsd = estimateTaskCost(input, policy);
  const refundCost = await takeHourlyCost(ctx, bucket, estimatedCostUsd, refundRate);

  const now = clock.now();
  const id = randomUUID();
  const numberResults = input.numberResults ?? 1;
  const state = transition(initialTaskState, { type: 'submit', numberResults }).state;
  // The seed is drawn here so the snapshot shows the one Runware gets.
  const taskInput = input.seed === 'random' ? { ...input, seed: randomSeed() } : input;
  let upload: UploadTarget | undefined;
  try {
    upload = uploadTarget(await ctx.uploadEndpoint?.({ taskUUID: id, input: taskInput, owner }));
  } catch (error) {
    await Promise.all([refundRate(), refundCost()]);
    throw error;
  }
  const record: TaskRecord = {
    id,
    version: 0,
    owner,
    createdAt: now,
    updatedAt: now,
    expiresAt: ctx.runner.expiresAt(state.status, now),
    input: taskInput,
    delivery: ctx.webhookUrl ? 'webhook' : 'poll',
    state,
    estimatedCostUsd,
    ...(idempotencyKey !== undefined && { idempotencyKey, requestHash }),
    ...(upload && { upload: upload.publicUrl !== undefined ? { publicUrl: upload.publicUrl } : {} }),
  };

  const created = await store.create(record);
  if (!created.created) {
    // Another request with the same key won the race: it pays, this one gives its share back.
    await Promise.all([refundRate(), refundCost()]);
    return replay(ctx, request, created.record, requestHash);
  }

  const webhookURL = ctx.webhookUrl
    ? `${ctx.webhookUrl(request)}?task=${encodeURIComponent(id)}&sig=${ctx.signer.sign('webhook', id)}`
    : undefined;
  const after = (await ctx.runner.submit(created.record, webhookURL, upload?.putUrl)) ?? created.record;
  // Refused before it ran: nothing was spent.
  if (after.state.status === 'failed' && after.submittedAt === undefined) await refundCost();

  const body: CreateTaskResponse = { task: toSnapshot(after, videoUrlResolver(ctx, request), clock.now()), token: taskToken(ctx, id) };
  return jsonResponse(body, 201, { Location: `${mountUrl(ctx, request)}${ROUTES.task(id)}` });
}

/** The hook's answer as a target: a bare string is the PUT URL alone. */
function uploadTarget(value: UploadTarget | string | undefined): UploadTarget | undefined {
  if (value === undefined) return undefined;
  const target = typeof value === 'string' ? { putUrl: value } : value;
  for (const url of [target.putUrl, target.publicUrl]) {
    if (url !== undefined && !/^https?:\/\//i.test(url) && !(url === target.publicUrl && url.startsWith('/'))) {
      throw new TypeError(`uploadEndpoint returned ${JSON.stringify(url)}: the PUT URL must be http(s), the public URL http(s) or a path`);
    }
  }
  return target;
}

function requireJson(request: Request): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json') {
    throw new HttpProblem(415, 'unsupported_media_type', {
      kind: 'validation',
      retryable: false,
      detail: 'Send the generation settings as JSON (Content-Type: application/json).',
    });
  }
}

function parseInput(text: string): GenerationInput {
  let json: unknown;
  try {
    // int64-safe: a seed sent as a bare number beyond 2^53 arrives exact (as a bigint).
    json = parseJson(text);
  } catch (error) {
    const detail = error instanceof JsonParseError ? `The request body is not valid JSON (${error.message}).` : 'The request body is not valid JSON.';
    throw new HttpProblem(400, 'invalid_json', {
      kind: 'validation',
      retryable: false,
      detail,
      issues: [{ path: '', code: 'invalid_json', message: formatIssueMessage('invalid_json', '') }],
    });
  }
  const result = validateGenerationInput(json);
  if (!result.ok) {
    throw new HttpProblem(422, 'validation_failed', {
      kind: 'validation',
      retryable: false,
      issues: result.issues,
      detail: result.issues.map((issue) => issue.message).join(' '),
    });
  }
  return result.value;
}

function replay(ctx: HandlerContext, request: Request, record: TaskRecord, requestHash: string): Response {
  if (record.requestHash !== undefined && record.requestHash !== requestHash) {
    throw new HttpProblem(422, 'idempotency_key_reused', {
      kind: 'validation',
      retryable: false,
      detail: `This ${HEADERS.idempotencyKey} was already used with different settings. Use a new key for a new task.`,
    });
  }
  ctx.runner.watch(record.id);
  const body: CreateTaskResponse = { task: toSnapshot(record, videoUrlResolver(ctx, request), ctx.clock.now()), token: taskToken(ctx, record.id) };
  return jsonResponse(body, 200, { [HEADERS.idempotentReplay]: 'true', Location: `${mountUrl(ctx, request)}${ROUTES.task(record.id)}` });
}

type Refund = () => Promise<void>;

/** Counts one create in the identity's fixed window; 429 with Retry-After when over. */
async function takeRateLimit(ctx: HandlerContext, bucket: string): Promise<Refund> {
  const limit = ctx.policy.rateLimit;
  if (!limit) return async () => undefined;
  const now = ctx.clock.now();
  const window = Math.floor(now / limit.windowMs);
  const key = `rate:${bucket}:${window}`;
  const count = await ctx.store.increment(key, 1, limit.windowMs);
  if (count > limit.max) {
    const retryAfter = Math.max(1, Math.ceil(((window + 1) * limit.windowMs - now) / 1000));
    throw new HttpProblem(429, 'rate_limited', {
      kind: 'rate_limit',
      cap: 'rateLimit',
      detail: `At most ${limit.max} videos can be started per ${limit.windowMs / 1000} s. Try again in ${retryAfter} s.`,
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
  return async () => {
    await ctx.store.increment(key, -1, limit.windowMs);
  };
}

/**
 * Adds the estimate to the identity's spend and the whole site's spend this clock hour (store
 * counters, so every instance shares them); 429 naming the cap it would go over, with nothing
 * kept. The refund gives both back once.
 */
async function takeHourlyCost(ctx: HandlerContext, bucket: string, costUsd: number, refundRate: Refund): Promise<Refund> {
  const { maxHourlyCostUsd, maxSiteHourlyCostUsd } = ctx.policy;
  const now = ctx.clock.now();
  const hour = Math.floor(now / HOUR_MS);
  const micro = Math.ceil(costUsd * MICRO);
  const buckets = [
    // Identity keys start with `cost:`; the site's cannot be one of them whatever rateLimitKey returns.
    { cap: maxHourlyCostUsd, key: `cost:${bucket}:${hour}`, name: 'maxHourlyCostUsd' as const, detail: "this site's spending limit of $%s per hour" },
    { cap: maxSiteHourlyCostUsd, key: `site-cost:${hour}`, name: 'maxSiteHourlyCostUsd' as const, detail: "this site's spending limit of $%s per hour for everyone together" },
  ];
  const taken: Refund[] = [];
  const giveBack = async () => {
    for (const refund of taken.splice(0)) await refund();
  };
  for (const { cap, key, name, detail } of buckets) {
    if (cap === null) continue;
    const total = await ctx.store.increment(key, micro, HOUR_MS);
    taken.push(async () => {
      await ctx.store.increment(key, -micro, HOUR_MS);
    });
    if (total > Math.floor(cap * MICRO)) {
      await giveBack();
      await refundRate();
      const retryAfter = Math.max(1, Math.ceil(((hour + 1) * HOUR_MS - now) / 1000));
      throw new HttpProblem(429, 'hourly_cost_exceeded', {
        kind: 'policy',
        retryable: true,
        cap: name,
        detail: `This would pass ${detail.replace('%s', cap.toFixed(2))}. Try again later or choose a cheaper video.`,
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }
  return giveBack;
}
