import { randomUUID } from 'node:crypto';
import { DEFAULT_BASE_PATH, ROUTES } from '../protocol/wire.js';
import { systemClock } from './clock.js';
import { mountUrlFor, type HandlerContext } from './handler-context.js';
import { checkHost } from './http/check-host.js';
import { isAllowedOrigin, sameOrigin } from './http/check-origin.js';
import { preflight, withCors } from './http/cors.js';
import type { SeedanceHandlerOptions } from './handler-options.js';
import { HttpProblem } from './http/problem.js';
import { DEFAULT_BODY_TIMEOUT_MS } from './http/read-body.js';
import { withSecurityHeaders } from './http/security-headers.js';
import { createResultKeeper, resolveKeepOptions } from './keep/result-keeper.js';
import { consoleLogger, redactingLogger } from './logger.js';
import { resolvePolicy } from './policy.js';
import { refuseKeyInPublicVariable } from './public-variables.js';
import { announceProvider, resolveProvider } from './resolve-provider.js';
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
import { createTaskRunner, type TaskRunner } from './task-runner.js';

/** The one Web-standard route handler every framework adapter wraps. */
export interface SeedanceHandler {
  (request: Request): Promise<Response>;
  readonly store: TaskStore;
  /** The provider once known (at once when passed in or with a key); undefined when none is configured. */
  readonly provider: VideoProvider | undefined;
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
  refuseKeyInPublicVariable(env, apiKey);
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

  const keep = options.keepResult && resolveKeepOptions(options.keepResult);

  const providerSettings = {
    clock,
    ...(options.polling && { polling: options.polling }),
    ...(options.retry?.requestTimeoutMs !== undefined && { requestTimeoutMs: options.retry.requestTimeoutMs }),
    ...(options.retry?.submitRetries !== undefined && { submitRetries: options.retry.submitRetries }),
    ...(options.retry?.submitRetryDelayMs !== undefined && { submitRetryDelayMs: options.retry.submitRetryDelayMs }),
  };
  const webhook = options.webhook === true ? {} : options.webhook || undefined;
  const fixedWebhookUrl = webhook && (webhook.url ?? (publicUrl !== undefined ? `${publicUrl}${ROUTES.webhook}` : undefined));
  // Without a key the provider may come from a package loaded on demand: every request waits
  // for it, and `close()` can come before it is there.
  let provider: VideoProvider | undefined;
  let runner: TaskRunner | undefined;
  const ready: Promise<HandlerContext | HttpProblem> = resolveProvider(
    { ...options, apiKey, production: env.NODE_ENV === 'production' },
    { settings: providerSettings, deliver: (request) => handle(request, true), logger },
  ).then((resolution) => {
    announceProvider(resolution, logger);
    if ('missing' in resolution) {
      return new HttpProblem(503, 'provider_not_configured', { kind: 'provider', retryable: false, detail: `Video generation is not configured on this server: ${resolution.missing}` });
    }
    provider = resolution.provider;
    let webhookUrl: ((request: Request) => string) | undefined;
    if (webhook) {
      const inProcess = provider.inProcessOrigin;
      if (fixedWebhookUrl !== undefined) webhookUrl = () => fixedWebhookUrl;
      else if (inProcess !== undefined) webhookUrl = () => `${inProcess}${basePath}${ROUTES.webhook}`;
      else throw new TypeError('Webhook delivery needs a public URL: set `publicUrl` or `webhook.url`');
    }
    const keeper =
      keep &&
      createResultKeeper({ keep, store, provider, clock, logger, fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)) });
    runner = createTaskRunner({
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
      ...(keeper && { keeper }),
    });
    return {
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
      ...(options.uploadEndpoint && { uploadEndpoint: options.uploadEndpoint }),
    };
  });
  // Each request awaits it and reports a failure; nobody else needs to.
  ready.catch(() => undefined);
  // A webhook with neither a public URL nor an in-process provider is a setup error: say so at
  // once when the provider is known now, as before; otherwise on the first request.
  const knownWithoutInProcess = options.provider === undefined ? apiKey !== undefined : typeof options.provider !== 'function' && options.provider.inProcessOrigin === undefined;
  if (webhook && fixedWebhookUrl === undefined && knownWithoutInProcess) {
    throw new TypeError('Webhook delivery needs a public URL: set `publicUrl` or `webhook.url`');
  }
  let handle: (request: Request, internal?: boolean) => Promise<Response>;
  handle = async (request, internal = false) => {
    // A widget on another origin the policy lists gets CORS headers; nobody else does.
    const origin = request.headers.get('origin');
    const corsOrigin =
      origin !== null && !sameOrigin(mountUrlFor(publicUrl, basePath, request), origin) && isAllowedOrigin(origin, request, policy.allowedOrigins) ? origin : undefined;
    let response: Response;
    try {
      if (!internal) checkHost(request, publicUrl, options.allowedHosts);
      const ctx = await ready;
      if (ctx instanceof HttpProblem) throw ctx;
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
    close: () =>
      (closed ??= (async () => {
        await ready.catch(() => undefined);
        await runner?.close();
        // A provider passed in as an object belongs to the caller; one the handler built is its own.
        if (typeof options.provider !== 'object') await provider?.close?.();
        if (ownsStore) await store.close?.();
      })()),
  });
  Object.defineProperty(handler, 'provider', { get: () => provider, enumerable: true });
  return handler as SeedanceHandler;
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
