import { classifyImageInput } from '../image/index.js';
import type { TaskSnapshot } from '../protocol/wire.js';
import type { GenerationInput } from '../spec/generation-input.js';
import { transition, type TaskResult } from '../task/index.js';
import type { TaskRecord } from './store/task-store.js';

/**
 * The browser's view of a record. Video URLs go through `resolveVideoURL` (the embedded local
 * Runware's files become signed URLs under the handler, valid as long as the record) unless the
 * app kept the file; image data is not echoed back; a succeeded task whose every URL has passed
 * its `expiresAt` reads as `expired`; a cancelled one says whether the provider may still make
 * (and bill) the video.
 */
export function toSnapshot(record: TaskRecord, resolveVideoURL: (url: string, expiresAt: number) => string, now: number): TaskSnapshot {
  let { state } = record;
  const results = state.results.map((result) => servedResult(record, result, resolveVideoURL));
  if (state.status === 'succeeded' && results.length > 0 && results.every((r) => r.expiresAt !== undefined && Date.parse(r.expiresAt) <= now)) {
    state = transition(state, { type: 'expire' }).state;
  }
  return {
    id: record.id,
    status: state.status,
    version: record.version,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    numberResults: state.numberResults,
    ...(state.progress !== undefined && { progress: state.progress }),
    results,
    ...(state.error !== undefined && { error: state.error }),
    ...(state.status === 'cancelled' && { providerMayFinish: record.cancelled?.providerMayFinish ?? true }),
    estimatedCostUsd: record.estimatedCostUsd,
    input: redactInput(record.input),
  };
}

/**
 * The URL a result is served from: the app's own copy when `keepResult` returned one, else the
 * uploaded file's (one-result tasks with an `uploadEndpoint`), else the provider's, which
 * alone carries `expiresAt`.
 */
function servedResult(record: TaskRecord, result: TaskResult, resolveVideoURL: (url: string, expiresAt: number) => string): TaskResult {
  const kept = record.kept?.[result.videoUUID];
  const own = kept?.state === 'kept' && kept.url !== undefined ? kept.url : record.state.numberResults === 1 ? record.upload?.publicUrl : undefined;
  if (own === undefined) return { ...result, videoURL: resolveVideoURL(result.videoURL, record.expiresAt) };
  const { expiresAt: _providerExpiry, ...rest } = result;
  return { ...rest, videoURL: own };
}

/** A data URI or raw base64 frame image becomes a short placeholder; URLs and UUIDs stay. */
export function redactInput(input: GenerationInput): GenerationInput {
  if (input.frameImage === undefined) return input;
  const form = classifyImageInput(input.frameImage)?.form;
  if (form !== 'dataUri' && form !== 'base64') return input;
  const kb = Math.max(1, Math.round((input.frameImage.length * 3) / 4 / 1024));
  return { ...input, frameImage: `[image data, about ${kb} KB]` };
}
