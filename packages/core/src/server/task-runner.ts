import type { TaskError } from '../errors/index.js';
import { timeoutError } from '../errors/index.js';
import { isTerminal, transition, type TaskEvent, type TaskResult, type TaskStatus } from '../task/index.js';
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import type { ResultKeeper } from './keep/result-keeper.js';
import type { Logger } from './logger.js';
import { pollDelay, retryDelay } from './providers/poll-schedule.js';
import type { ProviderUpdate, VideoProvider } from './providers/video-provider.js';
import type { TaskRecord, TaskStore } from './store/task-store.js';

export interface TaskRunnerOptions {
  readonly store: TaskStore;
  readonly provider: VideoProvider;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Names this process in poll leases. */
  readonly instanceId: string;
  /** How long a finished task's record lives after its last change. */
  readonly recordTtlMs: number;
  /** With webhooks, polls still run as a safety net, at most this often. */
  readonly webhookFallbackPollMs: number;
  /** A task still `submitting` this long after creation lost its submitter (a crashed instance). */
  readonly staleSubmitMs: number;
  /** Result URL lifetime sent to Runware (`ttl`), seconds; sets each result's `expiresAt`. */
  readonly resultTtlSeconds?: number;
  readonly includeCost: boolean;
  /** The longest one provider request may take: a poll lease must outlast it. */
  readonly requestTimeoutMs: number;
  /** Runs `keepResult` once per video; claims are written with the result that adds it. */
  readonly keeper?: ResultKeeper;
}

/** Slack on top of a wait or a request, so a live holder renews before its lease runs out. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Drives tasks through their lifecycle: the one submit, then polling under a lease (exactly one
 * instance polls a task), and every provider update turned into core task events and written
 * through the store, so subscribers on any instance see it.
 */
export interface TaskRunner {
  /**
   * When a record written now in `status` may be dropped. A task still running is kept at least
   * until its submit and polling deadlines have passed: it may say nothing for longer than
   * `recordTtlMs` (stuck at 90 %), and forgetting it would lose its result.
   */
  expiresAt(status: TaskStatus, now: number): number;
  /** Submits a freshly created record and starts watching it. Resolves with the record after the submit. */
  submit(record: TaskRecord, webhookURL?: string, uploadEndpoint?: string): Promise<TaskRecord | undefined>;
  /** Starts polling an active task unless some instance already does. */
  watch(id: string): void;
  /** Applies one provider update (a poll answer or a webhook call). */
  applyUpdate(id: string, update: ProviderUpdate): Promise<TaskRecord | undefined>;
  /**
   * Marks the task cancelled (`cancelled.providerMayFinish`) and stops polling it. Runware has
   * no cancel: it may still make, and charge for, the video; later results are ignored.
   */
  cancel(id: string): Promise<TaskRecord | undefined>;
  /** A task was read: keeps videos whose keeping instance stopped (see `keepResult`). */
  resumeKeeping(record: TaskRecord): void;
  close(): Promise<void>;
}

export function createTaskRunner(options: TaskRunnerOptions): TaskRunner {
  const { store, provider, clock, logger, instanceId, keeper } = options;
  const polling = provider.polling;
  const watchers = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const submitting = new Set<string>();
  const closing = new AbortController();
  const activeSpanMs = options.staleSubmitMs + polling.deadlineMs;
  const expiresAt = (status: TaskStatus, now: number) => now + options.recordTtlMs + (isTerminal(status) ? 0 : activeSpanMs);

  /** Runs `events` through core's transition; writes only when one applied. */
  async function applyEvents(id: string, events: readonly TaskEvent[]): Promise<TaskRecord | undefined> {
    // Whoever's write adds a video owns keeping it: the claim rides on the same atomic update.
    const claim = `${instanceId}:${randomUUID()}`;
    const record = await store.update(id, (current) => {
      let state = current.state;
      let changed = false;
      let cancelled = false;
      const added: string[] = [];
      for (const event of events) {
        const next = transition(state, event);
        if (next.applied) {
          state = next.state;
          changed = true;
          if (event.type === 'result') added.push(event.result.videoUUID);
          if (event.type === 'cancel') cancelled = true;
        }
      }
      if (!changed) return undefined;
      const now = clock.now();
      const acked = current.state.status === 'submitting' && state.status !== 'submitting' && state.status !== 'failed' && state.status !== 'cancelled';
      const next: TaskRecord = {
        ...current,
        state,
        expiresAt: expiresAt(state.status, now),
        ...(acked && current.submittedAt === undefined && { submittedAt: now }),
        // The submit has gone out (or is on its way) by the time anyone can cancel.
        ...(cancelled && { cancelled: { at: now, providerMayFinish: true } }),
      };
      return keeper ? keeper.claim(next, added, claim, now) : next;
    });
    if (record && isTerminal(record.state.status)) stopWatching(id);
    if (record && keeper) keeper.startClaimed(record, claim);
    return record;
  }

  function eventsFor(id: string, update: ProviderUpdate, ack: boolean): TaskEvent[] {
    const events: TaskEvent[] = [];
    // Anything the provider says about the task proves it has it, even before our ack is written.
    if (ack) events.push({ type: 'ack', taskId: id });
    if (update.processing || update.progress !== undefined) {
      events.push({ type: 'status', status: 'processing', ...(update.progress !== undefined && { progress: update.progress }) });
    }
    const now = clock.now();
    for (const result of update.results) events.push({ type: 'result', result: withExpiry(result, now) });
    if (update.error) events.push({ type: 'error', error: update.error });
    return events;
  }

  function withExpiry(result: TaskResult, now: number): TaskResult {
    if (options.resultTtlSeconds === undefined || result.expiresAt !== undefined) return result;
    return { ...result, expiresAt: new Date(now + options.resultTtlSeconds * 1000).toISOString() };
  }

  function stopWatching(id: string) {
    watchers.get(id)?.controller.abort();
  }

  async function fail(id: string, error: TaskError) {
    return applyEvents(id, [{ type: 'error', error }]);
  }

  async function pollLoop(id: string, signal: AbortSignal): Promise<void> {
    const leaseKey = `poll:${id}`;
    // Another instance polls: look again soon, then back off (×2 per look) while it stays idle, up
    // to the longest wait between the holder's renewals, so a crashed holder is still taken over
    // within one of its polls without every standby asking the store four times a second.
    const standbyFirstMs = Math.max(polling.firstDelayMs, 250);
    const standbyMaxMs = Math.max(standbyFirstMs, polling.maxDelayMs);
    let standbyMs = standbyFirstMs;
    let index = 0;
    let failures = 0;
    let retryAfterMs: number | undefined;
    let lastError: TaskError | undefined;
    try {
      for (;;) {
        const record = await store.get(id);
        if (!record || isTerminal(record.state.status)) return;
        const submittingHere = submitting.has(id);
        if (submittingHere) return; // the submitter starts the watch after the ack
        const webhook = record.delivery === 'webhook';
        const delay =
          failures > 0
            ? retryDelay(failures, polling, retryAfterMs)
            : webhook
              ? Math.max(pollDelay(index, polling), options.webhookFallbackPollMs)
              : pollDelay(index, polling);
        // Short leases, renewed before the wait and again before the request: a crashed holder's
        // lease runs out within one wait or one request, and a standby instance takes over.
        if (!(await store.acquireLease(leaseKey, instanceId, delay + LEASE_MARGIN_MS))) {
          await clock.sleep(standbyMs, signal);
          standbyMs = Math.min(standbyMaxMs, standbyMs * 2);
          continue;
        }
        standbyMs = standbyFirstMs; // this instance polls now: after a handover, start looking soon again
        await clock.sleep(delay, signal);
        if (!(await store.acquireLease(leaseKey, instanceId, options.requestTimeoutMs + LEASE_MARGIN_MS))) continue;

        const current = await store.get(id);
        if (!current || isTerminal(current.state.status)) return;
        const now = clock.now();
        if (current.state.status === 'submitting') {
          // Whoever submitted it is gone: ask the provider whether it ever arrived.
          if (now - current.createdAt < options.staleSubmitMs) continue;
          const check = await provider.poll(current.id, signal);
          if (check.ok && (check.update.processing || check.update.results.length > 0 || check.update.error)) {
            await applyUpdate(id, check.update);
            continue;
          }
          await fail(id, { kind: 'provider', code: 'submitLost', message: 'The video service never confirmed this task. Trying again may work.', retryable: true });
          return;
        }
        if (now - (current.submittedAt ?? current.createdAt) > polling.deadlineMs) {
          await applyEvents(id, [{ type: 'timeout', error: timeoutError('pollDeadline') }]);
          return;
        }
        const outcome = await provider.poll(current.id, signal);
        if (outcome.ok) {
          failures = 0;
          retryAfterMs = undefined;
          index++;
          await applyUpdate(id, outcome.update);
        } else {
          failures++;
          retryAfterMs = outcome.retryAfterMs;
          lastError = outcome.error;
          logger.warn(`seedance: poll of task ${id} failed (${outcome.error.code}), attempt ${failures}`);
          if (failures >= polling.maxConsecutiveFailures) {
            await fail(id, lastError);
            return;
          }
        }
      }
    } catch (error) {
      if (!signal.aborted) logger.error('seedance: polling stopped by an unexpected error', error);
    } finally {
      await store.releaseLease(leaseKey, instanceId).catch(() => undefined);
    }
  }

  function watch(id: string) {
    if (closing.signal.aborted || watchers.has(id)) return;
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, closing.signal]);
    const done = pollLoop(id, signal).finally(() => {
      if (watchers.get(id)?.controller === controller) watchers.delete(id);
    });
    watchers.set(id, { controller, done });
  }

  async function applyUpdate(id: string, update: ProviderUpdate) {
    const current = await store.get(id);
    if (!current) return undefined;
    const events = eventsFor(id, update, current.state.status === 'submitting');
    return events.length === 0 ? current : applyEvents(id, events);
  }

  return {
    expiresAt,
    async submit(record, webhookURL, uploadEndpoint) {
      submitting.add(record.id);
      let after: TaskRecord | undefined;
      try {
        const outcome = await provider.submit(
          {
            taskUUID: record.id,
            input: record.input,
            includeCost: options.includeCost,
            ...(webhookURL !== undefined && { webhookURL }),
            ...(uploadEndpoint !== undefined && { uploadEndpoint }),
            ...(options.resultTtlSeconds !== undefined && { ttl: options.resultTtlSeconds }),
          },
          closing.signal,
        );
        if (outcome.accepted) {
          after = await applyEvents(record.id, [{ type: 'ack', taskId: record.id }, ...(outcome.update ? eventsFor(record.id, outcome.update, false) : [])]);
        } else {
          after = await fail(record.id, outcome.error);
          // Cancelled while submitting, and the provider never took it: nothing will be made or billed.
          if (after?.cancelled?.providerMayFinish) {
            after = await store.update(record.id, (current) => (current.cancelled ? { ...current, cancelled: { ...current.cancelled, providerMayFinish: false } } : undefined));
          }
        }
      } catch (error) {
        if (closing.signal.aborted) return store.get(record.id);
        logger.error('seedance: submit failed unexpectedly', error);
        after = await fail(record.id, { kind: 'unknown', code: 'submitError', message: 'Something went wrong. Try again.', retryable: true });
      } finally {
        submitting.delete(record.id);
      }
      if (after && !isTerminal(after.state.status)) watch(record.id);
      return after;
    },
    watch,
    applyUpdate,
    async cancel(id) {
      const record = await applyEvents(id, [{ type: 'cancel' }]);
      stopWatching(id);
      return record;
    },
    resumeKeeping(record) {
      keeper?.resume(record);
    },
    async close() {
      closing.abort();
      await Promise.allSettled([...watchers.values()].map((w) => w.done));
      await keeper?.close();
    },
  };
}
