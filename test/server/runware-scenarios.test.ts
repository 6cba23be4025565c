import { readFileSync } from 'node:fs';
import { createSeedanceHandler, type SeedanceHandler } from '@seedance-kit/core/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api, BASIC_INPUT, FAST_POLLING, SECRET, serve, type Listening } from './support/harness.js';

/**
 * runware-sdk's own polling scenarios (tests/test_rest_polling.py, test_terminal_detection.py,
 * test_ws_async_polling.py, test_sync_delivery.py), ported as the frames in
 * test/fixtures/runware-answers.json: each frame is Runware's answer to one request, played to
 * the real handler and Runware provider through `fetch`; the task ends as the row's `kit` says.
 */
interface Frame {
  readonly httpStatus?: number;
  readonly body: unknown;
}
interface Scenario {
  readonly name: string;
  readonly numberResults: number;
  readonly frames: readonly Frame[];
  readonly kit: { end: string; videos: number; code?: string; kind?: string; polls: number; progress?: number[] };
}
const { scenarios } = JSON.parse(readFileSync(new URL('../fixtures/runware-answers.json', import.meta.url), 'utf8')) as { scenarios: Scenario[] };
const FIXTURE_TASK = '11111111-1111-4111-8111-111111111111';

let handler: SeedanceHandler | undefined;
let listening: Listening | undefined;
afterEach(async () => {
  await listening?.close();
  await handler?.close();
});

/** A Runware that answers the submit with the first frame and each poll with the next (the last one repeats). */
function playing(frames: readonly Frame[]) {
  const requests: string[] = [];
  // The stored progress as each poll goes out: what the previous answer left (SSE may coalesce).
  const progress: number[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const [task] = JSON.parse(String(init?.body)) as { taskType: string; taskUUID: string }[];
    requests.push(task!.taskType);
    const stored = task!.taskType === 'getResponse' ? (await handler?.store.get(task!.taskUUID))?.state.progress : undefined;
    if (stored !== undefined) progress.push(stored);
    const frame = frames[Math.min(requests.length - 1, frames.length - 1)]!;
    const text = JSON.stringify(frame.body).replaceAll(FIXTURE_TASK, task!.taskUUID);
    return new Response(text, { status: frame.httpStatus ?? 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, polls: () => requests.filter((type) => type === 'getResponse').length, requests, progress };
}

describe('runware-sdk polling scenarios, through the handler and the Runware provider', () => {
  it('ports all 15', () => expect(scenarios).toHaveLength(15));

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const runware = playing(scenario.frames);
    handler = createSeedanceHandler({
      apiKey: 'rw-scenario-key',
      fetch: runware.fetch,
      secret: SECRET,
      polling: { ...FAST_POLLING, firstDelayMs: 5, secondDelayMs: 5, maxDelayMs: 10 },
      retry: { submitRetries: 0 },
      policy: { rateLimit: null },
      logger: { warn: () => undefined, error: () => undefined },
    });
    listening = await serve(handler);
    const api = new Api(`${listening.url}/api/seedance`);
    const created = await api.create({ ...BASIC_INPUT, numberResults: scenario.numberResults });
    expect(created.status).toBe(201);
    const { id } = created.body.task;
    const stream = api.events(id, created.body.token);
    if (scenario.kit.end === 'cancelled') {
      await vi.waitFor(() => expect(runware.polls()).toBeGreaterThanOrEqual(scenario.kit.polls), { timeout: 5_000, interval: 5 });
      await api.cancel(id, created.body.token);
    }
    const { snapshots } = await stream;
    const last = snapshots.at(-1)!;
    expect(last.status).toBe(scenario.kit.end);
    // Cumulative answers repeat earlier videos: each is kept once.
    expect(last.results).toHaveLength(scenario.kit.videos);
    expect(new Set(last.results.map((r) => r.videoUUID)).size).toBe(last.results.length);
    if (scenario.kit.code) expect(last.error).toMatchObject({ code: scenario.kit.code, kind: scenario.kit.kind });
    else if (scenario.kit.end !== 'cancelled') expect(last.error).toBeUndefined();
    if (scenario.kit.end !== 'cancelled') expect(runware.polls()).toBe(scenario.kit.polls);
    if (scenario.kit.progress) {
      for (const value of scenario.kit.progress) expect(runware.progress).toContain(value);
    }
  });
});
