import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonParseError, estimateVideoCostUsd, frameCount, parseJson, seedanceProFast, stringifyJson, type JsonValue, type RunwareVideoTask } from '@seedance-kit/core';

import { HttpProblem, jsonResponse, readBody, sleep } from '@seedance-kit/core/internal';
import { answerShapeInPrompt, shapePoll, shapeSubmit } from './answer-shapes.js';
import { checkAuth } from './check-auth.js';
import { FaultBook } from './fault-book.js';
import { captionText, CONTAINERS, encoderFor, wrapPrompt } from './ffmpeg-args.js';
import { FileStore } from './file-store.js';
import { ffmpegToolkit, resolveFfmpegPath, type FfmpegToolkit } from './find-ffmpeg.js';
import { Limiter } from './limiter.js';
import { listenWebHandler } from './listen-web-handler.js';
import type { LocalRunware, LocalRunwareFault, LocalRunwareOptions, LocalRunwareServer, LocalRunwareStats } from './local-runware-types.js';
import { planTasks } from './plan-tasks.js';
import { renderVideo } from './render-video.js';
import { frameImageFetch } from './frame-image-fetch-options.js';
import { resolveOutputSize, type OutputSize } from './resolve-output-size.js';
import {
  errorResponse,
  runwareError,
  serverErrorFor,
  type LocatedError,
  type RunwareErrorEntry,
} from './runware-error.js';
import { sendWithRetry, WEBHOOK_RETRY, type RetryPolicy } from './send-with-retry.js';
import { makeTempDir, removeTempDir } from './temp-dirs.js';
import { pollAnswer, roundUsd, seedsFor, successItem, taskFailure, type SimulatedResult, type SimulatedTask } from './simulated-task.js';

const spec = seedanceProFast;
/** The simulator's waits never hold a process open. */
const UNREF = { unref: true } as const;
const DEFAULT_TIMING = { ackDelayMs: 150, queueMs: 1000, progressIntervalMs: 500, minRenderMs: 3000 };
/** Frame images as data URIs can be 10 MB of bytes, ~13.4 MB as base64. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const DEFAULT_SLOW_ACK_MS = 5000;
const UPLOAD_RETRY: RetryPolicy = { firstDelayMs: 250, maxDelayMs: 2000, attempts: 4, attemptTimeoutMs: 30_000 };

/**
 * A local stand-in for Runware's HTTP API for `bytedance:2@2`: same requests, same answers,
 * same failures, and real video files made with ffmpeg, so the kit's real provider code runs
 * against it unchanged. See `LocalRunware` for the surface and SPEC.md for the protocol.
 */
export function createLocalRunware(options: LocalRunwareOptions = {}): LocalRunware {
  // An option given as undefined keeps its default.
  const timing = { ...DEFAULT_TIMING, ...Object.fromEntries(Object.entries(options.timing ?? {}).filter(([, value]) => value !== undefined)) };
  const now = options.now ?? Date.now;
  const fetcher: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const imageFetch = frameImageFetch(options, fetcher);
  const faults = new FaultBook();
  for (const fault of options.faults ?? []) faults.add(fault);
  const files = new FileStore(now);
  const limiter = new Limiter(options.concurrency ?? 2);
  const lifetime = new AbortController();
  // Every queued task waits on this one signal: many at once are expected, not a leak.
  setMaxListeners(0, lifetime.signal);
  const tasks = new Map<string, SimulatedTask>();
  // Tasks whose prompt token has been read: a resubmit must not add its fault twice.
  const promptFaultsRead = new Set<string>();
  const background = new Set<Promise<unknown>>();
  const servers = new Set<LocalRunwareServer>();
  const expiryTimers = new Set<ReturnType<typeof setTimeout>>();
  const counters = { submitted: 0, rendered: 0, charged: 0, polls: 0, webhooksSent: 0 };
  let outputDir: Promise<{ dir: string; owned: boolean }> | undefined;
  let toolkit: Promise<FfmpegToolkit> | undefined;
  let warnedNoText = false;
  let closing: Promise<void> | undefined;

  const track = (work: Promise<unknown>) => {
    const settled = work.catch(() => undefined).finally(() => background.delete(settled));
    background.add(settled);
  };

  const ensureOutputDir = () =>
    (outputDir ??= options.outputDir
      ? mkdir(options.outputDir, { recursive: true }).then(() => ({ dir: options.outputDir as string, owned: false }))
      : makeTempDir('local-runware-').then((dir) => ({ dir, owned: true })));

  const ensureToolkit = () =>
    (toolkit ??= resolveFfmpegPath(options.ffmpegPath).then((path) => {
      if (!path) throw new Error('No ffmpeg found: set FFMPEG_PATH, put ffmpeg on PATH or install @ffmpeg-installer/ffmpeg.');
      return ffmpegToolkit(path);
    }));

  // ---- HTTP ---------------------------------------------------------------------------------

  async function handle(request: Request): Promise<Response> {
    try {
      const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/';
      if (path === '/' || path === '/v1') {
        if (request.method === 'POST') return await api(request);
        return errorResponse([runwareError(405, { code: 'methodNotAllowed', message: 'Send tasks with POST.' })], { allow: 'POST' });
      }
      const file = /^\/files\/([^/]+)$/.exec(path);
      if (file) {
        if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
        return await files.serve(request, safeDecode(file[1] ?? ''));
      }
      return errorResponse([runwareError(404, { code: 'notFound', message: `Nothing at ${path}: the API is POST /v1.` })]);
    } catch (error) {
      // Whatever goes wrong is the simulator's bug; it still answers like the service would.
      const detail = error instanceof Error ? error.message : String(error);
      return errorResponse([runwareError(500, { code: 'internalServerError', message: `Internal error: ${detail}` })]);
    }
  }

  async function api(request: Request): Promise<Response> {
    if (closing) return errorResponse([serverErrorFor(503)]);
    // No body deadline here (Infinity): the simulator waits as long as the client sends.
    const text = await readBody(request, MAX_BODY_BYTES, Infinity).catch((error: unknown) => {
      if (error instanceof HttpProblem && error.problem.code === 'payload_too_large') return undefined;
      throw error;
    });
    if (text === undefined) {
      return errorResponse([runwareError(413, { code: 'invalidRequestBody', message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` })]);
    }
    let body: JsonValue;
    try {
      body = parseJson(text);
    } catch (error) {
      const detail = error instanceof JsonParseError ? error.message : 'unreadable';
      return errorResponse([runwareError(400, { code: 'invalidJson', message: `The request body is not valid JSON (${detail}).` })]);
    }
    if (!Array.isArray(body) || body.length === 0) {
      return errorResponse([
        runwareError(400, { code: 'invalidRequestBody', message: 'The request body must be a JSON array of task objects, e.g. [{"taskType":"videoInference",…}].' }),
      ]);
    }

    const authError = checkAuth(request, body, options.apiKey);
    if (authError) return errorResponse([authError]);

    const dryRun = /^(1|true|yes)$/i.test(request.headers.get('x-runware-dry-run')?.trim() ?? '');
    const plans = planTasks(body, (uuid) => tasks.get(uuid.toLowerCase()));
    const videoTasks = plans.flatMap((p) => (p.kind === 'video' ? [p.task] : []));
    const polled = plans.flatMap((p) => (p.kind === 'poll' && p.record ? [p.record.task] : []));
    const polls = plans.some((p) => p.kind === 'poll');

    let malformed: LocalRunwareFault | undefined;
    let slowAck: LocalRunwareFault | undefined;
    let shapedAck: LocalRunwareFault | undefined;
    if (!dryRun && options.promptFaults) {
      for (const task of videoTasks) {
        const asked = answerShapeInPrompt(task.positivePrompt);
        const id = task.taskUUID.toLowerCase();
        if (!asked || promptFaultsRead.has(id)) continue;
        promptFaultsRead.add(id);
        faults.add({ kind: 'answer', shape: asked.shape, ...(asked.code && { code: asked.code }), match: (t) => t.taskUUID.toLowerCase() === id });
      }
    }
    if (!dryRun && (videoTasks.length > 0 || polls)) {
      if (videoTasks.length > 0) {
        shapedAck = faults.take('answer', videoTasks, (f) => f.shape === 'empty-ack');
        if (faults.take('rateLimit', videoTasks)) {
          return errorResponse([runwareError(429, { code: 'queueFull', message: 'Too many tasks in the queue. Wait and send again.' })], { 'retry-after': '1' });
        }
        if (faults.take('insufficientCredits', videoTasks)) {
          return errorResponse([runwareError(402, { code: 'insufficientCredits', message: 'Insufficient credits to run this task. Add funds to your account.' })]);
        }
      }
      const serverError = faults.take('serverError', [...videoTasks, ...polled]);
      if (serverError) return errorResponse([serverErrorFor(serverError.status ?? 503)]);
      malformed = faults.take('malformedJson', [...videoTasks, ...polled]);
      if (videoTasks.length > 0) slowAck = faults.take('slowAck', videoTasks);
    }

    const data: unknown[] = [];
    const errors: LocatedError[] = [];
    for (const p of plans) {
      if (p.kind === 'error') errors.push(p.error);
      else if (p.kind === 'ping') data.push({ taskType: 'ping', pong: true });
      else if (p.kind === 'video') {
        if (dryRun) {
          const priced = await dryRunItem(p.task, p.frameImagesField);
          if (priced.ok) data.push(priced.item);
          else errors.push(priced.error);
        } else {
          register(p.task, p.frameImagesField, request);
          data.push({ taskType: spec.taskType, taskUUID: p.task.taskUUID });
        }
      } else {
        counters.polls++;
        if (!p.record) errors.push(notFound(p.taskUUID));
        else {
          const answer = pollAnswer(p.record, performance.now(), timing.progressIntervalMs);
          const shape = dryRun ? undefined : faults.take('answer', [p.record.task], (f) => f.shape !== 'empty-ack');
          const shaped = shape?.shape ? shapePoll(shape.shape, { code: shape.code }, p.record, answer, bearerOf(request)) : answer;
          if (shaped instanceof Response) return shaped;
          data.push(...shaped.data);
          errors.push(...shaped.errors.map((entry) => ({ httpStatus: 200, entry: entry as RunwareErrorEntry })));
        }
      }
    }

    if (videoTasks.length > 0 && !dryRun) {
      try {
        await sleep(timing.ackDelayMs + (slowAck ? (slowAck.delayMs ?? DEFAULT_SLOW_ACK_MS) : 0), AbortSignal.any([lifetime.signal, request.signal]), UNREF);
      } catch {
        return errorResponse([serverErrorFor(503)]);
      }
    }

    const envelope = { ...(data.length > 0 && { data }), ...(errors.length > 0 && { errors: errors.map((e) => e.entry) }) };
    if (shapedAck?.shape && errors.length === 0) return shapeSubmit(shapedAck.shape) ?? jsonResponse(envelope);
    if (malformed) {
      // A body cut off mid-way, as a dropped proxy connection leaves it: status 200, not JSON.
      const whole = stringifyJson(envelope);
      return new Response(whole.slice(0, Math.max(1, Math.floor(whole.length / 2))), {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
    }
    const status = data.length === 0 && errors.length > 0 ? (errors[0]?.httpStatus ?? 400) : 200;
    return jsonResponse(envelope, status);
  }

  /** A dry run's answer: the task's total cost for all its results, nothing queued or charged. */
  async function dryRunItem(
    task: RunwareVideoTask,
    field: string,
  ): Promise<{ ok: true; item: Record<string, unknown> } | { ok: false; error: LocatedError }> {
    const size = await resolveOutputSize(task, imageFetch, lifetime.signal);
    if (!size.ok) {
      return { ok: false, error: runwareError(400, { code: 'invalidFrameImages', message: size.reason, parameter: field, taskType: spec.taskType, taskUUID: task.taskUUID }) };
    }
    const count = task.numberResults ?? spec.numberResults.default;
    return { ok: true, item: { taskType: spec.taskType, taskUUID: task.taskUUID, cost: roundUsd(costPerResult(task, size.size) * count) } };
  }

  function notFound(taskUUID: string): LocatedError {
    return runwareError(200, {
      code: 'taskFailedOrNotFound',
      message: `No task with taskUUID ${taskUUID} was found: it was never submitted here, or it failed before it was accepted.`,
      parameter: 'taskUUID',
      taskType: 'getResponse',
      taskUUID,
    });
  }

  // ---- Tasks --------------------------------------------------------------------------------

  function register(task: RunwareVideoTask, frameImagesField: string, request: Request): void {
    const count = task.numberResults ?? spec.numberResults.default;
    const total = frameCount(task.duration ?? spec.duration.default, spec);
    const record: SimulatedTask = {
      task,
      frameImagesField,
      fileUrl: (name) => (options.fileUrl ? options.fileUrl(name, request) : `${new URL(request.url).origin}/files/${name}`),
      results: seedsFor(task.seed, count).map((seed, index) => ({
        index,
        seed,
        videoUUID: randomUUID(),
        state: 'queued',
        framesDone: 0,
        framesTotal: total,
      })),
    };
    tasks.set(task.taskUUID.toLowerCase(), record);
    counters.submitted++;
    track(runTask(record));
  }

  async function runTask(record: SimulatedTask): Promise<void> {
    const { signal } = lifetime;
    const { task } = record;
    try {
      await sleep(timing.queueMs, signal, UNREF);
      if (faults.take('moderation', [task])) {
        fail(record, 'contentPolicyViolation', 'The prompt or frame image was flagged by the content policy.', { parameter: 'positivePrompt' });
        return;
      }
      const timeout = faults.take('timeout', [task]);
      if (timeout) {
        const waitMs = timeout.delayMs ?? Math.max(1000, timing.minRenderMs * 2);
        for (const result of record.results) {
          start(result, waitMs);
          // Progress climbs with time and stalls at 90 %, as a stuck provider job looks.
          result.framesDone = Math.floor(result.framesTotal * 0.9);
        }
        await sleep(waitMs, signal, UNREF);
        fail(record, 'timeoutProvider', 'The provider did not return a result in time.');
        return;
      }
      const size = await resolveOutputSize(task, imageFetch, signal);
      if (!size.ok) {
        fail(record, 'invalidFrameImages', size.reason, { parameter: record.frameImagesField });
        return;
      }
      // allSettled: on close every render must have ended (its ffmpeg gone) before the task does.
      const outcomes = await Promise.allSettled(record.results.map((result) => runResult(record, result, size.size)));
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    } catch (error) {
      if (!signal.aborted) fail(record, 'inferenceError', `The video could not be made: ${messageOf(error)}`);
    }
  }

  function start(result: SimulatedResult, plannedMs: number): void {
    result.state = 'processing';
    result.startedAt = performance.now();
    result.plannedMs = plannedMs;
  }

  async function runResult(record: SimulatedTask, result: SimulatedResult, size: OutputSize): Promise<void> {
    const { signal } = lifetime;
    const { task } = record;
    const format = task.outputFormat ?? spec.outputFormat.default;
    const container = CONTAINERS[format];
    const name = `${result.videoUUID}.${container.ext}`;
    let bytes: Uint8Array | undefined;
    let path: string;
    const release = await limiter.acquire(signal);
    try {
      start(result, timing.minRenderMs);
      path = await renderResult(record, result, size, name);
    } catch (error) {
      if (signal.aborted) throw error;
      failResult(record, result, 'inferenceError', `The video could not be made: ${messageOf(error)}`);
      return;
    } finally {
      release();
    }
    const elapsed = performance.now() - (result.startedAt ?? 0);
    await sleep(timing.minRenderMs - elapsed, signal, UNREF);

    // A temp file made at run time: bundlers that trace file access (Next.js) have nothing to include.
    const fileSize = (await stat(/* turbopackIgnore: true */ path)).size;
    if (task.uploadEndpoint) bytes = await readFile(/* turbopackIgnore: true */ path);
    const expireNow = faults.take('expireUrl', [task]);
    const expiresAt = expireNow ? now() : task.ttl !== undefined ? now() + task.ttl * 1000 : undefined;
    files.add(name, { path, size: fileSize, contentType: container.contentType, ...(expiresAt !== undefined && { expiresAt }) });
    if (task.ttl !== undefined) scheduleSweep(task.ttl * 1000);
    counters.rendered++;

    if (task.uploadEndpoint && bytes) {
      const sent = await sendWithRetry(
        fetcher,
        task.uploadEndpoint,
        { method: 'PUT', headers: { 'content-type': container.contentType }, body: bytes as Uint8Array<ArrayBuffer> },
        UPLOAD_RETRY,
        signal,
      );
      if (signal.aborted) return;
      if (!sent.ok) {
        const why = sent.status !== undefined ? `HTTP ${sent.status}` : 'no answer';
        failResult(record, result, 'taskFailed', `The video was made but could not be uploaded to uploadEndpoint (${why} after ${sent.attempts} tries).`, {
          parameter: 'uploadEndpoint',
        });
        return;
      }
    }

    result.videoURL = record.fileUrl(name);
    result.cost = roundUsd(costPerResult(task, size));
    result.state = 'success';
    counters.charged += result.cost;
    track(deliver(record, successItem(record, result)));
  }

  async function renderResult(record: SimulatedTask, result: SimulatedResult, size: OutputSize, name: string): Promise<string> {
    const [{ dir }, kit] = await Promise.all([ensureOutputDir(), ensureToolkit()]);
    const { task } = record;
    const format = task.outputFormat ?? spec.outputFormat.default;
    const encoder = encoderFor(format);
    if (!kit.encoders.has(encoder)) throw new Error(`the ffmpeg at ${kit.path} has no ${encoder} encoder, needed for ${format}`);
    if (!kit.canDrawText && !warnedNoText) {
      warnedNoText = true;
      console.warn(`[local-runware] ${kit.path} cannot draw text (no drawtext filter or no font found): videos will not show the prompt and seed.`);
    }
    const output = join(dir, name);
    const partial = `${output}.part`;
    const promptFile = join(dir, `${result.videoUUID}.prompt.txt`);
    const captionFile = join(dir, `${result.videoUUID}.caption.txt`);
    if (kit.canDrawText) {
      await writeFile(promptFile, wrapPrompt(task.positivePrompt, size.width, size.height));
      await writeFile(captionFile, captionText(result.seed, result.index, record.results.length));
    }
    try {
      await renderVideo({
        toolkit: kit,
        recipe: {
          width: size.width,
          height: size.height,
          fps: spec.fps,
          frames: result.framesTotal,
          format,
          quality: task.outputQuality ?? spec.outputQuality.default,
          seed: result.seed,
          ...(kit.canDrawText && { promptFile, captionFile }),
          output: partial,
        },
        signal: lifetime.signal,
        onFrames: (frames) => {
          result.framesDone = frames;
        },
      });
      await rename(partial, output);
      result.framesDone = result.framesTotal;
      return output;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    } finally {
      await Promise.all([rm(promptFile, { force: true }), rm(captionFile, { force: true })]);
    }
  }

  function costPerResult(task: RunwareVideoTask, size: OutputSize): number {
    return estimateVideoCostUsd(size.width, size.height, task.duration ?? spec.duration.default, { spec });
  }

  function fail(record: SimulatedTask, code: string, message: string, extra: Partial<RunwareErrorEntry> = {}): void {
    const entry = taskFailure(record, code, message, extra);
    record.error = entry;
    for (const result of record.results) if (result.state !== 'success') result.state = 'error';
    track(deliver(record, entry));
  }

  function failResult(record: SimulatedTask, result: SimulatedResult, code: string, message: string, extra: Partial<RunwareErrorEntry> = {}): void {
    result.state = 'error';
    result.error = taskFailure(record, code, message, { videoUUID: result.videoUUID, ...extra });
    track(deliver(record, result.error));
  }

  /** One webhook call per result (or failure), retried until a 2xx; the flat item is the body. */
  async function deliver(record: SimulatedTask, item: object): Promise<void> {
    const { task } = record;
    if (!task.webhookURL) return;
    if (faults.take('loseWebhook', [task])) return;
    const copies = faults.take('duplicateWebhook', [task]) ? 2 : 1;
    const body = stringifyJson(item);
    for (let i = 0; i < copies; i++) {
      await sendWithRetry(fetcher, task.webhookURL, { method: 'POST', headers: { 'content-type': 'application/json' }, body }, WEBHOOK_RETRY, lifetime.signal, () => {
        counters.webhooksSent++;
      });
    }
  }

  function scheduleSweep(afterMs: number): void {
    const timer = setTimeout(() => {
      expiryTimers.delete(timer);
      track(files.sweep());
    }, afterMs + 10);
    timer.unref?.();
    expiryTimers.add(timer);
  }

  // ---- Lifetime -----------------------------------------------------------------------------

  async function close(): Promise<void> {
    closing ??= (async () => {
      lifetime.abort(new Error('The local Runware was closed.'));
      for (const timer of expiryTimers) clearTimeout(timer);
      expiryTimers.clear();
      await Promise.all([...servers].map((s) => s.close()));
      // Background work settles quickly once aborted: ffmpeg is killed, sleeps and sends end.
      while (background.size > 0) await Promise.all([...background]);
      // Files in a caller's outputDir stay (minus expired ones); the default temp dir goes.
      const out = outputDir ? await outputDir.catch(() => undefined) : undefined;
      files.clear();
      if (out?.owned) await removeTempDir(out.dir);
    })();
    return closing;
  }

  return {
    fetch: handle,
    async listen(listenOptions) {
      if (closing) throw new Error('The local Runware is closed.');
      const server = await listenWebHandler(handle, listenOptions);
      const tracked: LocalRunwareServer = {
        url: server.url,
        close: async () => {
          servers.delete(tracked);
          await server.close();
        },
      };
      servers.add(tracked);
      return tracked;
    },
    injectFault(fault) {
      faults.add(fault);
    },
    get stats(): LocalRunwareStats {
      return { ...counters, charged: Math.round(counters.charged * 1e9) / 1e9 };
    },
    close,
  };
}

/** A path segment decoded, or left as is when it is not valid percent-encoding (it then matches no file). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The bearer a request came with ('' without one). */
function bearerOf(request: Request): string {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
