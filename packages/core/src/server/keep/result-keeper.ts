import { randomUUID } from 'node:crypto';
import type { OutputFormat } from '../../spec/seedance-pro-fast.js';
import type { TaskResult } from '../../task/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { VideoProvider } from '../providers/video-provider.js';
import type { TaskRecord, TaskStore } from '../store/task-store.js';
import type { FinishedVideo, KeepResultHook, KeepResultOptions, KeptVideo } from './keep-types.js';

const DEFAULT_ATTEMPTS = 3;
const DEFAULT_RETRY_DELAY_MS = 2_000;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
/** Slack before a claim counts as abandoned, on top of the longest an attempt and its wait may take. */
const CLAIM_MARGIN_MS = 5_000;

const FILE_TYPES: Readonly<Record<OutputFormat, { readonly extension: FinishedVideo['extension']; readonly contentType: string }>> = {
  MP4: { extension: 'mp4', contentType: 'video/mp4' },
  WEBM: { extension: 'webm', contentType: 'video/webm' },
  MOV: { extension: 'mov', contentType: 'video/quicktime' },
};

export interface ResultKeeperOptions {
  readonly keep: Required<KeepResultOptions>;
  readonly store: TaskStore;
  readonly provider: VideoProvider;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Fetches provider URLs that the provider does not serve itself. */
  readonly fetch: typeof globalThis.fetch;
}

/**
 * Runs `keepResult` once per finished video across every instance sharing the store. The claim
 * is written in the same atomic store update that adds the result, so whichever write adds a
 * video (a poll, a webhook, a duplicate of either) is the only one that keeps it.
 */
export interface ResultKeeper {
  /** Pure, for use inside a store mutation: claims each newly added video for `token`. */
  claim(record: TaskRecord, videoUUIDs: readonly string[], token: string, now: number): TaskRecord;
  /** After the write: keeps every video the write claimed with `token`. */
  startClaimed(record: TaskRecord, token: string): void;
  /** Takes over claims their instance let go of or abandoned (it crashed): called when a task is read. */
  resume(record: TaskRecord): void;
  /** Aborts running calls and lets their claims go, so another instance can take them at once. */
  close(): Promise<void>;
}

/** `keepResult` with its defaults filled in; throws on a setting out of range (at handler creation). */
export function resolveKeepOptions(keep: KeepResultHook | KeepResultOptions): Required<KeepResultOptions> {
  const settings = typeof keep === 'function' ? { keep } : keep;
  if (typeof settings.keep !== 'function') throw new TypeError('keepResult must be a function or { keep: function }');
  const attempts = settings.attempts ?? DEFAULT_ATTEMPTS;
  const retryDelayMs = settings.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isInteger(attempts) && attempts >= 1)) throw new TypeError('keepResult.attempts must be a positive integer');
  if (!(Number.isFinite(retryDelayMs) && retryDelayMs >= 0)) throw new TypeError('keepResult.retryDelayMs must be a non-negative number');
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new TypeError('keepResult.timeoutMs must be a positive number');
  return { keep: settings.keep, attempts, retryDelayMs, timeoutMs };
}

export function createResultKeeper(options: ResultKeeperOptions): ResultKeeper {
  const { store, provider, clock, logger } = options;
  const { keep, attempts, retryDelayMs, timeoutMs } = options.keep;
  // A live holder renews its claim before each attempt; it can stay silent for one attempt and the wait before the next.
  const claimSpanMs = timeoutMs + retryDelayMs * 2 ** Math.max(0, attempts - 2) + CLAIM_MARGIN_MS;
  const closing = new AbortController();
  const running = new Map<string, Promise<void>>();

  const key = (record: TaskRecord, videoUUID: string) => `${record.id} ${videoUUID}`;

  /** Writes `entry` only while `token` still holds the claim; true when it did. */
  async function write(id: string, videoUUID: string, token: string, entry: KeptVideo): Promise<boolean> {
    let won = false;
    await store.update(id, (current) => {
      const held = current.kept?.[videoUUID];
      if (held?.state !== 'keeping' || held.claim !== token) return undefined;
      won = true;
      return { ...current, kept: { ...current.kept, [videoUUID]: entry } };
    });
    return won;
  }

  function videoFor(record: TaskRecord, result: TaskResult, index: number, attempt: number, signal: AbortSignal): FinishedVideo {
    const type = FILE_TYPES[record.input.outputFormat ?? 'MP4'];
    const url = result.videoURL;
    return {
      taskUUID: record.id,
      videoUUID: result.videoUUID,
      videoURL: url,
      index,
      ...(result.seed !== undefined && { seed: result.seed }),
      ...(result.cost !== undefined && { cost: result.cost }),
      ...(result.NSFWContent !== undefined && { NSFWContent: result.NSFWContent }),
      ...(result.expiresAt !== undefined && { expiresAt: result.expiresAt }),
      ...type,
      input: record.input,
      owner: record.owner,
      attempt,
      signal,
      async fetchVideo() {
        const name = provider.fileName?.(url);
        const response =
          name !== undefined && provider.serveFile
            ? await provider.serveFile(name, new Request(url, { signal }))
            : await options.fetch(url, { signal });
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          throw new Error(`The video could not be fetched from the provider (HTTP ${response.status})`);
        }
        return response;
      },
    };
  }

  async function run(record: TaskRecord, videoUUID: string, token: string, firstAttempt: number): Promise<void> {
    const index = record.state.results.findIndex((r) => r.videoUUID === videoUUID);
    const result = record.state.results[index];
    if (!result) return;
    let lastError = '';
    // A call taken over from a crashed instance gets one try even past `attempts`.
    const lastAttempt = Math.max(attempts, firstAttempt);
    let attempt = firstAttempt;
    for (; attempt <= lastAttempt; attempt++) {
      if (attempt > firstAttempt) {
        try {
          await clock.sleep(retryDelayMs * 2 ** (attempt - firstAttempt - 1), closing.signal);
        } catch {
          break;
        }
        // Renew the claim: this instance is alive and tries again.
        if (!(await write(record.id, videoUUID, token, { state: 'keeping', claim: token, since: clock.now(), attempts: attempt }))) return lostClaim(record.id, videoUUID);
      }
      const signal = AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]);
      try {
        const url = await untilAborted(Promise.resolve().then(() => keep(videoFor(record, result, index, attempt, signal))), signal);
        const kept = url === undefined ? undefined : String(url);
        if (kept !== undefined && !/^(https?:\/\/|\/)/i.test(kept)) throw new TypeError(`keepResult returned ${JSON.stringify(kept)}: return an http(s) URL or a path starting with /`);
        const entry: KeptVideo = { state: 'kept', at: clock.now(), attempts: attempt, ...(kept !== undefined && { url: kept }) };
        if (!(await write(record.id, videoUUID, token, entry))) lostClaim(record.id, videoUUID);
        return;
      } catch (error) {
        if (closing.signal.aborted) break;
        lastError = error instanceof Error ? error.message : String(error);
        logger.warn(`seedance: keepResult failed for video ${videoUUID} of task ${record.id} (attempt ${attempt} of ${attempts})`, error);
      }
    }
    if (closing.signal.aborted) {
      // Let go, so the next instance that reads the task keeps the video without waiting out the claim.
      await write(record.id, videoUUID, token, { state: 'keeping', claim: '', since: 0, attempts: Math.max(0, attempt - 1) }).catch(() => undefined);
      return;
    }
    logger.error(`seedance: keepResult gave up on video ${videoUUID} of task ${record.id} after ${lastAttempt} attempts; its provider URL stays`);
    await write(record.id, videoUUID, token, { state: 'failed', error: lastError, at: clock.now(), attempts: lastAttempt });
  }

  function lostClaim(id: string, videoUUID: string): void {
    logger.warn(`seedance: keepResult for video ${videoUUID} of task ${id} took longer than its claim; another instance took it over`);
  }

  function start(record: TaskRecord, videoUUID: string, token: string, firstAttempt: number): void {
    const k = key(record, videoUUID);
    if (closing.signal.aborted || running.has(k)) return;
    const done = run(record, videoUUID, token, firstAttempt)
      .catch((error: unknown) => logger.error(`seedance: keeping video ${videoUUID} of task ${record.id} failed`, error))
      .finally(() => running.delete(k));
    running.set(k, done);
  }

  function startClaimed(record: TaskRecord, token: string): void {
    for (const [videoUUID, entry] of Object.entries(record.kept ?? {})) {
      if (entry.state === 'keeping' && entry.claim === token) start(record, videoUUID, token, entry.attempts);
    }
  }

  return {
    claim(record, videoUUIDs, token, now) {
      if (videoUUIDs.length === 0) return record;
      const kept = { ...record.kept };
      for (const videoUUID of videoUUIDs) if (kept[videoUUID] === undefined) kept[videoUUID] = { state: 'keeping', claim: token, since: now, attempts: 1 };
      return { ...record, kept };
    },

    startClaimed,

    resume(record) {
      if (closing.signal.aborted) return;
      const now = clock.now();
      const stale = Object.entries(record.kept ?? {}).filter(
        ([videoUUID, entry]) => entry.state === 'keeping' && (entry.claim === '' || now - entry.since > claimSpanMs) && !running.has(key(record, videoUUID)),
      );
      if (stale.length === 0) return;
      const token = randomUUID();
      const taken = store.update(record.id, (current) => {
        const kept = { ...current.kept };
        let changed = false;
        const t = clock.now();
        for (const [videoUUID] of stale) {
          const entry = kept[videoUUID];
          if (entry?.state !== 'keeping' || !(entry.claim === '' || t - entry.since > claimSpanMs)) continue;
          changed = true;
          // A crash during the last attempt still gets one more call (see run): the video was never kept.
          kept[videoUUID] =
            entry.attempts > attempts
              ? { state: 'failed', error: 'The instance keeping it stopped during every attempt', at: t, attempts: entry.attempts }
              : { state: 'keeping', claim: token, since: t, attempts: entry.attempts + 1 };
        }
        return changed ? { ...current, kept } : undefined;
      });
      taken.then(
        (after) => after && startClaimed(after, token),
        (error: unknown) => logger.warn(`seedance: could not take over keeping the videos of task ${record.id}`, error),
      );
    },

    async close() {
      closing.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** A hook that ignores its signal must not hold this instance (or its close) forever. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
