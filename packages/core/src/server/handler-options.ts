import type { Clock } from './clock.js';
import type { AllowedHosts } from './http/check-host.js';
import type { KeepResultHook, KeepResultOptions, UploadEndpointHook } from './keep/keep-types.js';
import type { Logger } from './logger.js';
import type { SeedancePolicy } from './policy.js';
import type { PollingOptions } from './providers/poll-schedule.js';
import type { VideoProvider, VideoProviderFactory } from './providers/video-provider.js';
import type { TaskStore } from './store/task-store.js';

/** Who is asking: a stable user id, or null/undefined when nobody is signed in (answered with 401). */
export type IdentifyHook = (request: Request) => string | null | undefined | Promise<string | null | undefined>;

export interface WebhookOptions {
  /**
   * The public URL of the webhook route, e.g. `https://app.example.com/api/seedance/webhooks/runware`.
   * Default: `publicUrl` + `/webhooks/runware`.
   */
  readonly url?: string;
  /** Polls still run as a safety net against lost webhooks, at most this often. Default 30 s. */
  readonly fallbackPollMs?: number;
}

export interface SeedanceHandlerOptions {
  /**
   * Runware API key. Default `process.env.RUNWARE_API_KEY`. With neither and no `provider`: in
   * development, the local Runware simulator when `@seedance-kit/local-runware` is installed;
   * in production (`NODE_ENV=production`), every request is answered 503 `provider_not_configured`.
   */
  readonly apiKey?: string;
  /** Runware endpoint. Default `https://api.runware.ai/v1`. */
  readonly baseUrl?: string;
  /** The fetch the Runware provider uses. */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * The provider, wins over `apiKey`: a ready one (e.g. `createRunwareProvider({...})`), or a
   * factory the handler calls with its settings (e.g. `localRunwareProvider()` from
   * `@seedance-kit/local-runware`, which is used even in production when passed here).
   */
  readonly provider?: VideoProvider | VideoProviderFactory;
  /** Where tasks live. Default `createMemoryTaskStore()` (one process). */
  readonly store?: TaskStore;
  readonly policy?: SeedancePolicy;
  /**
   * Ties tasks to your users: only the user who created a task may read, stream or cancel it.
   * Without it, a task is reachable with its id plus the signed token `POST /tasks` returned.
   */
  readonly identify?: IdentifyHook;
  /** The bucket for the rate limit and hourly cost cap. Default the identity (`anonymous` without `identify`). */
  readonly rateLimitKey?: (request: Request, owner: string) => string | Promise<string>;
  /** Where the handler is mounted. Default `/api/seedance`. */
  readonly basePath?: string;
  /**
   * The public URL of the mount point, e.g. `https://app.example.com/api/seedance`: used for file
   * URLs, webhook URLs and the default Origin check. Default: taken from each request.
   */
  readonly publicUrl?: string;
  /**
   * Host names the handler answers for besides loopback ones (localhost, *.localhost,
   * 127.0.0.0/8, [::1]) and `publicUrl`'s: a leading `.` also matches subdomains, `true`
   * allows any (as Vite's `server.allowedHosts`). Any other Host is a 403 `host_not_allowed`:
   * this stops DNS rebinding, where a page on `attacker.example` resolved to 127.0.0.1 talks to
   * a server on your machine.
   */
  readonly allowedHosts?: AllowedHosts;
  /** Have Runware POST results to the webhook route instead of waiting for polls. Needs a public URL. */
  readonly webhook?: boolean | WebhookOptions;
  /**
   * Signs task tokens, file URLs and webhook URLs (HMAC-SHA256), at least 32 characters.
   * Default `process.env.SEEDANCE_SECRET`, else a random secret per process (tokens then break
   * on restart and across instances).
   */
  readonly secret?: string;
  /** The polling cadence (for the provider the handler builds). */
  readonly polling?: Partial<PollingOptions>;
  /** Timeouts and submit retries (for the provider the handler builds). */
  readonly retry?: {
    /** Per HTTP request to Runware. Default 30 s. */
    readonly requestTimeoutMs?: number;
    /** Extra submits with the same taskUUID after an unclear answer or a 429. Default 3. */
    readonly submitRetries?: number;
    /** First wait before such a retry, doubled each time. Default 1 s. */
    readonly submitRetryDelayMs?: number;
  };
  /** `ttl` sent to Runware for result URLs, seconds (≥ 60). Default: not sent (Runware's default). */
  readonly resultTtlSeconds?: number;
  /**
   * Copies each finished video to your storage, since provider URLs expire. Called once per
   * video across every instance sharing the store (the claim is stored with the result), with
   * its metadata and `fetchVideo()` to stream the bytes. Return the URL it is served from and
   * snapshots serve that URL from then on; throw and it is retried (`attempts`), then the
   * provider's URL stays and the failure is logged. The video is delivered meanwhile either way.
   * After a crash mid-call it is called again (see docs/server.md): make it idempotent per `videoUUID`.
   */
  readonly keepResult?: KeepResultHook | KeepResultOptions;
  /**
   * Runware's `uploadEndpoint`: a presigned PUT URL per task that Runware uploads the finished
   * file to, with an optional `publicUrl` snapshots then serve. Runware PUTs every result of a
   * task to the one URL, so use it with one result per task (`policy.maxNumberResults: 1`).
   */
  readonly uploadEndpoint?: UploadEndpointHook;
  /**
   * How long a task record is kept after its last change once the task has ended. Default 24 h.
   * A task still running is kept at least until its polling deadline has passed.
   */
  readonly taskTtlMs?: number;
  /**
   * How long a request body may take to arrive in full; a slower one is a 408 `body_timeout`
   * (a body dripped a byte at a time would otherwise hold its socket for minutes). Default 10 s.
   */
  readonly bodyTimeoutMs?: number;
  /** SSE heartbeat comment interval. Default 15 s. */
  readonly heartbeatMs?: number;
  readonly clock?: Clock;
  /** Default `console`. Every line passes through a filter that removes the API key. */
  readonly logger?: Logger;
}
