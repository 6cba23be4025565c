import { randomUUID } from 'node:crypto';
import { DEFAULT_BASE_PATH, ROUTES } from '../protocol/wire.js';
import { systemClock } from './clock.js';
import { mountUrl, type HandlerContext } from './handler-context.js';
import { checkHost } from './http/check-host.js';
import { isAllowedOrigin, sameOrigin } from './http/check-origin.js';
import { preflight, withCors } from './http/cors.js';
import type { SeedanceHandlerOptions } from './handler-options.js';
import { HttpProblem } from './http/problem.js';
import { DEFAULT_BODY_TIMEOUT_MS } from './http/read-body.js';
import { withSecurityHeaders } from './http/security-headers.js';
import type { LocalRunware } from './local-runware/local-runware-types.js';
import { consoleLogger, redactingLogger } from './logger.js';
import { resolvePolicy } from './policy.js';
import { createEmbeddedLocalRunware, INTERNAL_ORIGIN } from './providers/embedded-local-runware.js';
import { createRunwareProvider } from './providers/runware-provider.js';
import type { VideoProvider } from './providers/video-provider.js';
import { cancelTask } from './routes/cancel-task.js';
import { createTask } from './routes/create-task.js';
import { readLimits } from './routes/read-limits.js';
import { readTask } from './routes/read-task.js';
import { receiveWebhook } from './routes/receive-webhook.js';
import { serveFile } from './routes/serve-file.js';
import { streamTask } from './routes/stream-task.js';
import { createSigner } from './signer.js';
import { createStreamSlots } from './stream-slots.js';
import { createMemoryTaskStore } from './store/memory-task-store.js';
import { TaskStoreUnavailableError, type TaskStore } from './store/task-store.js';
import { createTaskRunner } from './task-runner.js';

/** The one Web-standard route handler every framework adapter wraps. */
export interface SeedanceHandler {
  (request: Request): Promise<Response>;
  readonly store: TaskStore;
  readonly provider: VideoProvider;
  /** The in-process local Runware, when the handler runs without an API key. */
  readonly localRunware?: LocalRunware;
  /** Stops polling; closes the embedded local Runware and the default store (not ones passed in). */
  close(): Promise<void>;
}

const DEFAULT_TASK_TTL_MS = 24 * 3_600_000;
const DEFAULT_HEARTBEAT_MS = 15_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const STORE_RETRY_AFTER_SECONDS = 5;
const DEFAULT_WEBHOOK_FALLBACK_POLL_MS = 30_000;

/**
 * `createSeedanceHandler(options)` → `(request: Request) => Promise<Response>` serving the wire
 * protocol (docs/wire-protocol.md) under `basePath`. The server decides every Runware field the
 * browser must not (model, taskUUID, webhookURL, uploadEndpoint, ttl, includeCost,
 * deliveryMethod); the API key never leaves it.
 */
export function createSeedanceHandler(options: SeedanceHandlerOptions = {}): SeedanceHandler {
  const env = typeof process === 'undefined' ? {} : process.env;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.RUNWARE_API_KEY);
  const secret = nonEmpty(options.secret) ?? nonEmpty(env.SEEDANCE_SECRET);
  const logger = redactingLogger(options.logger ?? consoleLogger, [apiKey, secret]);
  const clock = options.clock ?? systemClock;
  const basePath = normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const policy = resolvePolicy(options.policy);
  const signer = createSigner(secret);
  const ownsStore = options.store === undefined;
  const store = options.store ?? createMemoryTaskStore({ now: () => clock.now() });
  if (options.bodyTimeoutMs !== undefined && !(Number.isFinite(options.bodyTimeoutMs) && options.bodyTimeoutMs > 0)) {
    throw new TypeError('bodyTimeoutMs must be a positive number');
  }
  if (options.resultTtlSeconds !== undefined && !(Number.isInteger(options.resultTtlSeconds) && options.resultTtlSeconds >= 60)) {
    throw new TypeError('resultTtlSeconds must be an integer of at least 60');
  }

  // Filled below; the embedded simulator's webhooks call back into this very handler, in
  // process and to a made-up host, so they skip the Host check.
  let handle: (request: Request, internal?: boolean) => Promise<Response> = async () => new Response(null, { status: 503 });
  const providerSettings = {
    clock,
    ...(options.polling && { polling: options.polling }),
    ...(options.retry?.requestTimeoutMs !== undefined && { requestTimeoutMs: options.retry.requestTimeoutMs }),
    ...(options.retry?.submitRetries !== undefined && { submitRetries: options.retry.submitRetries }),
    ...(options.retry?.submitRetryDelayMs !== undefined && { submitRetryDelayMs: options.retry.submitRetryDelayMs }),
  };
  let provider: VideoProvider;
  let localRunware: LocalRunware | undefined;
  let embedded = false;
  if (options.provider) provider = options.provider;
  else if (apiKey !== undefined) {
    provider = createRunwareProvider({
      ...providerSettings,
      apiKey,
      ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
      ...(options.fetch !== undefined && { fetch: options.fetch }),
    });
  } else {
    const local = createEmbeddedLocalRunware(options.localRunware, (request) => handle(request, true), providerSettings);
    provider = local.provider;
    localRunware = local.localRunware;
    embedded = true;
  }

  const webhook = options.webhook === true ? {} : options.webhook || undefined;
  let webhookUrl: ((request: Request) => string) | undefined;
  if (webhook) {
    const fixed = webhook.url ?? (publicUrl !== undefined ? `${publicUrl}${ROUTES.webhook}` : undefined);
    if (fixed !== undefined) webhookUrl = () => fixed;
    else if (embedded) webhookUrl = () => `${INTERNAL_ORIGIN}${basePath}${ROUTES.webhook}`;
    else throw new TypeError('Webhook delivery needs a public URL: set `publicUrl` or `webhook.url`');
  }

  const runner = createTaskRunner({
    store,
    provider,
    clock,
    logger,
    instanceId: randomUUID(),
    recordTtlMs: options.taskTtlMs ?? DEFAULT_TASK_TTL_MS,
    webhookFallbackPollMs: (webhook && webhook.fallbackPollMs) ?? DEFAULT_WEBHOOK_FALLBACK_POLL_MS,
    staleSubmitMs: 5 * 60_000,
    includeCost: true,
    requestTimeoutMs: options.retry?.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(options.resultTtlSeconds !== undefined && { resultTtlSeconds: options.resultTtlSeconds }),
  });

  const ctx: HandlerContext = {
    store,
    provider,
    runner,
    signer,
    policy,
    basePath,
    clock,
    logger,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    streamSlots: createStreamSlots(policy.maxOpenStreamsPerIdentity),
    ...(publicUrl !== undefined && { publicUrl }),
    ...(options.identify && { identify: options.identify }),
    ...(options.rateLimitKey && { rateLimitKey: options.rateLimitKey }),
    ...(webhookUrl && { webhookUrl }),
  };

  handle = async (request, internal = false) => {
    // A widget on another origin the policy lists gets CORS headers; nobody else does.
    const origin = request.headers.get('origin');
    const corsOrigin =
      origin !== null && !sameOrigin(mountUrl(ctx, request), origin) && isAllowedOrigin(origin, request, policy.allowedOrigins) ? origin : undefined;
    let response: Response;
    try {
      if (!internal) checkHost(request, publicUrl, options.allowedHosts);
      response = request.method === 'OPTIONS' ? preflight(request, corsOrigin !== undefined) : await route(ctx, request);
    } catch (error) {
      if (error instanceof HttpProblem) response = error.toResponse();
      else if (error instanceof TaskStoreUnavailableError) {
        logger.error('seedance: the task store is unavailable', error);
        response = new HttpProblem(503, 'store_unavailable', {
          kind: 'unknown',
          retryable: true,
          detail: 'The server is busy for a moment. Try again shortly.',
          headers: { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
        }).toResponse();
      } else {
        logger.error('seedance: request failed', error);
        response = new HttpProblem(500, 'internal_error', { kind: 'unknown', detail: 'Something went wrong on the server. Try again.' }).toResponse();
      }
    }
    return withSecurityHeaders(corsOrigin !== undefined && request.method !== 'OPTIONS' ? withCors(response, corsOrigin) : response);
  };

  let closed: Promise<void> | undefined;
  const handler = Object.assign((request: Request) => handle(request), {
    store,
    provider,
    ...(localRunware && { localRunware }),
    close: () =>
      (closed ??= (async () => {
        await runner.close();
        // A provider passed in belongs to the caller.
        if (!options.provider) await provider.close?.();
        if (ownsStore) await store.close?.();
      })()),
  });
  return handler;
}

const TASK_PATH = /^\/tasks\/([^/]+)(\/events|\/cancel)?$/;
const FILE_PATH = /^\/files\/([^/]+)$/;

async function route(ctx: HandlerContext, request: Request): Promise<Response> {
  const pathname = new URL(request.url).pathname;
  if (!(pathname === ctx.basePath || pathname.startsWith(`${ctx.basePath}/`))) throw notFound();
  const path = pathname.slice(ctx.basePath.length).replace(/\/+$/, '') || '/';
  const method = request.method.toUpperCase();
  const only = (...allowed: string[]) => {
    if (!allowed.includes(method)) {
      throw new HttpProblem(405, 'method_not_allowed', {
        kind: 'validation',
        retryable: false,
        detail: `Use ${allowed.join(' or ')} here.`,
        headers: { Allow: allowed.join(', ') },
      });
    }
  };

  if (path === ROUTES.limits) {
    only('GET', 'HEAD');
    return readLimits(ctx);
  }
  if (path === ROUTES.tasks) {
    only('POST');
    return createTask(ctx, request);
  }
  if (path === ROUTES.webhook) {
    only('POST');
    return receiveWebhook(ctx, request);
  }
  const task = TASK_PATH.exec(path);
  if (task) {
    const id = decode(task[1] ?? '');
    if (task[2] === '/events') {
      only('GET');
      return streamTask(ctx, request, id);
    }
    if (task[2] === '/cancel') {
      only('POST');
      return cancelTask(ctx, request, id);
    }
    only('GET');
    return readTask(ctx, request, id);
  }
  const file = FILE_PATH.exec(path);
  if (file) {
    only('GET', 'HEAD');
    return serveFile(ctx, request, decode(file[1] ?? ''));
  }
  throw notFound();
}

function notFound() {
  return new HttpProblem(404, 'not_found', { kind: 'not_found', retryable: false, detail: 'No such route.' });
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound();
  }
}

function normalizeBasePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
