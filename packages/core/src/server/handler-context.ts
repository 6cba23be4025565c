import { ROUTES, TOKEN_QUERY_PARAM } from '../protocol/wire.js';
import type { Clock } from './clock.js';
import type { IdentifyHook } from './handler-options.js';
import type { Logger } from './logger.js';
import type { ResolvedPolicy } from './policy.js';
import type { VideoProvider } from './providers/video-provider.js';
import type { UploadEndpointHook } from './keep/keep-types.js';
import type { Signer } from './signer.js';
import type { StreamSlots } from './stream-slots.js';
import type { TaskStore } from './store/task-store.js';
import type { TaskRunner } from './task-runner.js';

/** Everything a route needs, resolved once from the handler's options. */
export interface HandlerContext {
  readonly store: TaskStore;
  readonly provider: VideoProvider;
  readonly runner: TaskRunner;
  readonly signer: Signer;
  readonly policy: ResolvedPolicy;
  readonly basePath: string;
  readonly publicUrl?: string;
  readonly identify?: IdentifyHook;
  readonly rateLimitKey?: (request: Request, owner: string) => string | Promise<string>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly heartbeatMs: number;
  /** Deadline for reading a whole request body. */
  readonly bodyTimeoutMs: number;
  /** Open SSE streams per identity on this instance. */
  readonly streamSlots: StreamSlots;
  /** The webhook route's URL for a request, without query; undefined when results are polled. */
  readonly webhookUrl?: (request: Request) => string;
  readonly uploadEndpoint?: UploadEndpointHook;
}

/** The public URL of the mount point: `publicUrl`, else the request's origin plus the base path. */
export function mountUrl(ctx: HandlerContext, request: Request): string {
  return mountUrlFor(ctx.publicUrl, ctx.basePath, request);
}

export function mountUrlFor(publicUrl: string | undefined, basePath: string, request: Request): string {
  return publicUrl ?? `${new URL(request.url).origin}${basePath}`;
}

/**
 * Turns the provider's own file URLs (the embedded simulator's) into signed URLs under this
 * handler that expire with their task's record (`expiresAt`); other URLs pass.
 */
export function videoUrlResolver(ctx: HandlerContext, request: Request): (url: string, expiresAt: number) => string {
  const base = mountUrl(ctx, request);
  return (url, expiresAt) => {
    const name = ctx.provider.fileName?.(url);
    if (name === undefined) return url;
    return `${base}${ROUTES.file(name)}?${TOKEN_QUERY_PARAM}=${ctx.signer.signUntil('file', name, expiresAt)}`;
  };
}
