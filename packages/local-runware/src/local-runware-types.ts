import type { RunwareVideoTask } from '@seedance-kit/core';
import type { LocalRunwareAnswerShape } from './answer-shapes.js';

/** Waits and paces of the simulated service; the defaults suit a demo (a few seconds per video). */
export interface LocalRunwareTiming {
  /** Before a submit is answered. Default 150. */
  readonly ackDelayMs?: number;
  /** A task waits this long as "queued" before any of its results starts. Default 1000. */
  readonly queueMs?: number;
  /** How often a processing result's `progress` is refreshed; 0 = on every read. Default 500. */
  readonly progressIntervalMs?: number;
  /** A result never finishes sooner than this after it started processing. Default 3000. */
  readonly minRenderMs?: number;
}

export interface LocalRunwareOptions {
  /**
   * When set, every API request needs `Authorization: Bearer <apiKey>` (or an `authentication`
   * task first in the body), else 401 `invalidApiKey`. When unset any bearer (or none) passes.
   */
  readonly apiKey?: string;
  /** Where video files are written; default a fresh directory under `os.tmpdir()`, removed by `close()`. */
  readonly outputDir?: string;
  /** How `videoURL` is formed; default `${new URL(request.url).origin}/files/${name}` of the submit. */
  readonly fileUrl?: (name: string, request: Request) => string;
  readonly timing?: LocalRunwareTiming;
  readonly faults?: readonly LocalRunwareFault[];
  /** Default: `FFMPEG_PATH`, then `ffmpeg` on PATH, then `@ffmpeg-installer/ffmpeg`. */
  readonly ffmpegPath?: string;
  /** Used for webhook POSTs, `uploadEndpoint` PUTs and frame image URLs. Default: global fetch. */
  readonly fetch?: typeof fetch;
  /**
   * Fetch frame image URLs on loopback, private, link-local and metadata addresses too (names
   * resolving to them and redirects to them included). Default false: a task's image URL must
   * not reach inside your network. Set it in tests and demos that serve images from 127.0.0.1.
   */
  readonly allowPrivateImageHosts?: boolean;
  /** Deadline for downloading one frame image URL, redirects included. Default 10 s. */
  readonly imageFetchTimeoutMs?: number;
  /** ffmpeg processes at once. Default 2. */
  readonly concurrency?: number;
  /** Clock (ms since epoch) that `ttl` expiry is judged by; tests move it instead of waiting. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Read `[fault:<shape>]` (or `[fault:<shape>=<code>]`) in a task's prompt as an `answer` fault
   * for that task, so a page or story can ask for any answer shape by its prompt. Default false.
   */
  readonly promptFaults?: boolean;
}

/**
 * - `slowAck`: the submit is accepted, its answer held back `delayMs` (default 5000).
 * - `timeout`: the task ends with a `timeoutProvider` error after `delayMs` (default: queue + render time).
 * - `serverError`: HTTP `status` (default 503) with a Runware error body; nothing is accepted.
 * - `malformedJson`: the request is handled, but its 200 body is cut short (not JSON).
 * - `moderation`: the task ends with a `contentPolicyViolation` error when it would start.
 * - `loseWebhook` / `duplicateWebhook`: one result's webhook is not sent / sent twice.
 * - `expireUrl`: one result's file URL answers 410 from the start.
 * - `rateLimit`: HTTP 429 `queueFull`; `insufficientCredits`: HTTP 402; nothing is accepted.
 * - `answer`: the task's answers take `shape` (one of `ANSWER_SHAPES`: every shape Runware's
 *   SDKs read, e.g. `error-in-data`, `queued`, `single-error`), with `code` as its error code.
 *
 * `slowAck`, `rateLimit` and `insufficientCredits` hit submits only; `serverError` and
 * `malformedJson` hit submits and `getResponse` polls; the rest hit one task or one result.
 */
export type LocalRunwareFaultKind =
  | 'slowAck'
  | 'timeout'
  | 'serverError'
  | 'malformedJson'
  | 'moderation'
  | 'loseWebhook'
  | 'duplicateWebhook'
  | 'expireUrl'
  | 'rateLimit'
  | 'insufficientCredits'
  | 'answer';

export interface LocalRunwareFault {
  readonly kind: LocalRunwareFaultKind;
  /** How many times it strikes before it is used up; default every time. */
  readonly times?: number;
  /** `slowAck`: how long the answer is held; `timeout`: when the task gives up. */
  readonly delayMs?: number;
  /** `serverError`: the HTTP status, default 503. */
  readonly status?: number;
  /** `answer`: how the task's answers are shaped. */
  readonly shape?: LocalRunwareAnswerShape;
  /** `answer`: the error code the shape sends instead of its default. */
  readonly code?: string;
  /** Strike only for tasks this accepts (for a poll: the polled task). */
  readonly match?: (task: RunwareVideoTask) => boolean;
}

export interface LocalRunwareStats {
  /** `videoInference` tasks accepted (dry runs and refused tasks not counted). */
  readonly submitted: number;
  /** Result files made. */
  readonly rendered: number;
  /** USD charged: the `cost` of every successful result, whether or not `includeCost` showed it. */
  readonly charged: number;
  /** `getResponse` tasks answered. */
  readonly polls: number;
  /** Webhook POSTs made, retries and duplicates included. */
  readonly webhooksSent: number;
}

export interface LocalRunwareListenOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

export interface LocalRunwareServer {
  /** e.g. `http://127.0.0.1:43117`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

export interface LocalRunware {
  /**
   * The whole simulator as a Web handler: POST `/` or `/v1` is the Runware API (a JSON array of
   * tasks); GET/HEAD `/files/:name` serves the videos (Range requests, 404 unknown, 410 expired).
   */
  fetch(request: Request): Promise<Response>;
  /** Serves `fetch` on a real node:http server. */
  listen(options?: LocalRunwareListenOptions): Promise<LocalRunwareServer>;
  /** Adds a fault at run time. */
  injectFault(fault: LocalRunwareFault): void;
  readonly stats: LocalRunwareStats;
  /** Stops timers, kills running ffmpeg, closes servers, removes the default temp dir; idempotent. */
  close(): Promise<void>;
}
