import type { TaskError } from '../../errors/index.js';
import type { GenerationInput } from '../../spec/generation-input.js';
import type { TaskResult } from '../../task/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { PollingOptions } from './poll-schedule.js';

/** One task to start, with the fields only the server decides. */
export interface ProviderSubmission {
  /** The Runware `taskUUID`; reused as-is on every retry so a task is charged at most once. */
  readonly taskUUID: string;
  readonly input: GenerationInput;
  readonly webhookURL?: string;
  readonly uploadEndpoint?: string;
  readonly ttl?: number;
  readonly includeCost?: boolean;
}

/** What the provider said about a task: results so far, progress, or how it failed for good. */
export interface ProviderUpdate {
  readonly results: readonly TaskResult[];
  /** 0–100 when reported. */
  readonly progress?: number;
  /** A "still processing" item was seen. */
  readonly processing: boolean;
  /** The task failed and nothing more will come. */
  readonly error?: TaskError;
}

export type SubmitOutcome =
  /** The provider has the task (acknowledged, or a retry found it already there). */
  | { readonly accepted: true; readonly update?: ProviderUpdate }
  /** The provider refused it, or it cannot be known to have arrived after every safe retry. */
  | { readonly accepted: false; readonly error: TaskError };

export type PollOutcome =
  | { readonly ok: true; readonly update: ProviderUpdate }
  /** Nothing learned this time (429, 5xx, network, unreadable answer): poll again after a backoff. */
  | { readonly ok: false; readonly error: TaskError; readonly retryAfterMs?: number };

/** One webhook call's content, per provider task. */
export interface WebhookDelivery {
  readonly taskUUID: string;
  readonly update: ProviderUpdate;
}

/**
 * A video service the handler drives: submit once, then poll or receive webhooks. The Runware
 * provider is the one implementation; the local Runware speaks the same protocol behind it.
 */
export interface VideoProvider {
  /** `local` when the results come from the local Runware simulator. */
  readonly name: 'runware' | 'local';
  /** How often and how long to poll a task. */
  readonly polling: PollingOptions;
  submit(submission: ProviderSubmission, signal?: AbortSignal): Promise<SubmitOutcome>;
  /** One status request; never throws (failures are outcomes). */
  poll(taskUUID: string, signal?: AbortSignal): Promise<PollOutcome>;
  /** Reads one webhook body (untrusted); what it cannot read is dropped. */
  readWebhook(body: string): readonly WebhookDelivery[];
  /** Serves the provider's own files (the embedded local Runware), forwarding Range. */
  serveFile?(name: string, request: Request): Promise<Response>;
  /** The name `serveFile` knows a result URL by, or undefined for a URL the browser loads as it is. */
  fileName?(videoURL: string): string | undefined;
  /**
   * An origin that never goes on the network: webhook URLs on it reach this handler in-process
   * (the embedded local Runware's callbacks), so webhooks need no public URL.
   */
  readonly inProcessOrigin?: string;
  close?(): Promise<void>;
}

/** The handler's settings a provider it builds should follow. */
export interface ProviderSettings {
  readonly clock: Clock;
  readonly polling?: Partial<PollingOptions>;
  readonly requestTimeoutMs?: number;
  readonly submitRetries?: number;
  readonly submitRetryDelayMs?: number;
}

/** What the handler hands a provider factory. */
export interface ProviderContext {
  readonly settings: ProviderSettings;
  /** This handler, called in-process (for a provider that delivers webhooks without a network). */
  readonly deliver: (request: Request) => Promise<Response>;
  readonly logger: Logger;
}

/** A provider the handler builds itself, so it can be wired to the handler (e.g. the local Runware). */
export type VideoProviderFactory = (context: ProviderContext) => VideoProvider;
