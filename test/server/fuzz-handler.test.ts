import { randomUUID } from 'node:crypto';
import { createLocalRunware, type LocalRunware } from '@seedance-kit/local-runware';
import {
  createMemoryTaskStore,
  createRunwareProvider,
  createSeedanceHandler,
  HEADERS,
  PROBLEM_CODES,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_PREFIX,
  type CreateTaskResponse,
  type Problem,
  type ProviderSubmission,
  type SeedanceHandler,
  type TaskRecord,
  type TaskSnapshot,
  type TaskStore,
  type VideoProvider,
} from '@seedance-kit/core/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger, SECRET } from './support/harness.js';
import { anyJson, Deep, Entries, frameImageOk, HUGE_FRAMES, inputBody, meaning, oddBody, oracle, toJsonText, unicodeText, type JsonNode } from './fuzz-generation-input.js';
import { fuzzSeed } from './fuzz-seed.js';

/**
 * Hostile request bodies and headers straight into `createSeedanceHandler` (the function, no
 * HTTP): every answer is a success for a valid body, or a 4xx problem+json naming what is
 * wrong; never a 500, never a throw; nothing reaches the provider, nothing is written and no
 * other task changes unless the body is valid; `Object.prototype` stays clean.
 *
 * The provider is the real Runware provider talking to an in-process local Runware whose tasks
 * never leave the queue (so nothing renders), wrapped to count every call.
 */
const seed = fuzzSeed('fuzz-handler');
const RUNWARE_KEY = 'fuzz-runware-key-0123456789';
const ORIGIN = 'http://localhost';
const BASE = `${ORIGIN}/api/seedance`;
const WEBHOOK_URL = 'https://app.example/api/seedance/webhooks/runware';
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{16,255}$/;

const stats = { cases: 0, created: 0, failedAtSubmit: 0, replayed: 0, refused: new Map<number, number>() };
afterAll(() => {
  const refused = [...stats.refused].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(', ');
  console.log(`fuzz-handler: ${stats.cases} requests (seed ${seed}): ${stats.created} created (${stats.failedAtSubmit} refused by the local Runware), ${stats.replayed} replayed, refused ${refused}`);
});

let runware: LocalRunware;
let handler: SeedanceHandler;
const submissions: ProviderSubmission[] = [];
const writes: { readonly op: 'create' | 'update'; readonly id: string }[] = [];
let memory: TaskStore;
const logLines: string[] = [];

/** The task made before the fuzzing (then cancelled): nothing may ever change it. */
let pinned: { id: string; token: string; key: string; body: string; record: TaskRecord; webhookSig: string };
/** Idempotency keys in use (a fresh handler binds none), and the task each is bound to. */
const boundKeys = new Map<string, string>();
/** A task still queued, for webhook fuzzing. */
let active: { id: string; token: string; webhookSig: string };

beforeAll(async () => {
  runware = createLocalRunware({
    apiKey: RUNWARE_KEY,
    // Tasks wait in the queue for an hour: nothing renders, nothing is fetched.
    timing: { ackDelayMs: 0, queueMs: 3_600_000, progressIntervalMs: 0, minRenderMs: 60_000 },
    fetch: async () => new Response('no network in the fuzz suite', { status: 404 }),
  });
  const inner = createRunwareProvider({
    apiKey: RUNWARE_KEY,
    baseUrl: 'http://local-runware.invalid/v1',
    fetch: (input, init) => runware.fetch(new Request(input, init)),
    polling: { firstDelayMs: 3_600_000, maxDelayMs: 3_600_000 },
    submitRetries: 0,
    name: 'local',
  });
  const provider: VideoProvider = {
    name: inner.name,
    polling: inner.polling,
    submit: (submission, signal) => {
      submissions.push(submission);
      return inner.submit(submission, signal);
    },
    poll: (taskUUID, signal) => inner.poll(taskUUID, signal),
    readWebhook: (body) => inner.readWebhook(body),
  };
  memory = createMemoryTaskStore();
  const store: TaskStore = {
    ...memory,
    create: (record) => {
      writes.push({ op: 'create', id: record.id });
      return memory.create(record);
    },
    update: (id, mutate) => {
      writes.push({ op: 'update', id });
      return memory.update(id, mutate);
    },
  };
  handler = createSeedanceHandler({ provider, store, secret: SECRET, policy: { rateLimit: null }, logger: quietLogger(logLines), webhook: { url: WEBHOOK_URL } });

  const body = JSON.stringify({ positivePrompt: 'A lighthouse keeper waves at a passing ship', width: 864, height: 480, seed: '9223372036854775807' });
  const key = 'pinned-task-key-0001';
  const created = await createRaw(body, { 'content-type': 'application/json', [HEADERS.idempotencyKey]: key });
  expect(created.status).toBe(201);
  const { task, token } = (await created.json()) as CreateTaskResponse;
  const cancel = await handler(new Request(`${BASE}/tasks/${task.id}/cancel`, { method: 'POST', headers: { [HEADERS.taskToken]: token } }));
  expect(cancel.status).toBe(200);
  pinned = { id: task.id, token, key, body, record: (await memory.get(task.id))!, webhookSig: sigFor(task.id) };
  boundKeys.set(key, task.id);
  expect(pinned.record.state.status).toBe('cancelled');

  const second = await createRaw(JSON.stringify({ positivePrompt: 'A kite over the dunes', resolution: '480p', numberResults: 4 }), { 'content-type': 'application/json' });
  const made = (await second.json()) as CreateTaskResponse;
  active = { id: made.task.id, token: made.token, webhookSig: sigFor(made.task.id) };
}, 30_000);

afterAll(async () => {
  await handler?.close();
  await runware?.close();
});

function sigFor(id: string): string {
  const submission = submissions.find((s) => s.taskUUID === id);
  const url = new URL(submission?.webhookURL ?? 'http://x');
  const sig = url.searchParams.get('sig');
  if (url.searchParams.get('task') !== id || !sig) throw new Error(`No webhook signature for ${id}`);
  return sig;
}

function createRaw(body: BodyInit, headers: Record<string, string>): Promise<Response> {
  return handler(new Request(`${BASE}/tasks`, { method: 'POST', headers, body }));
}

// ---------------------------------------------------------------------------------------------
// One request and what it must get

interface Case {
  /** Body text, or raw bytes (possibly not UTF-8). */
  readonly body: string | Uint8Array<ArrayBuffer>;
  /** The JSON model the text was written from, when the text is exactly that (plus whitespace or a BOM). */
  readonly node?: JsonNode;
  readonly contentType?: string;
  readonly idempotencyKey?: string;
  readonly origin?: string;
  readonly secFetchSite?: string;
}

type Expectation =
  | { readonly status: number; readonly code: string; readonly paths?: ReadonlySet<string> }
  | { readonly status: 'created' }
  /** A key already bound to a task: a replay of it, or a refusal because the body differs. */
  | { readonly status: 'usedKey'; readonly id: string }
  /** Valid JSON of unknown exact meaning (big integers in a cut text): any honest answer. */
  | { readonly status: 'any' };

function expectation(c: Case, text: string, key: string | null): Expectation {
  if (c.origin !== undefined && c.origin !== ORIGIN) return { status: 403, code: 'origin_not_allowed' };
  if (c.origin === undefined && c.secFetchSite === 'cross-site') return { status: 403, code: 'origin_not_allowed' };
  const type = (c.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, code: 'unsupported_media_type' };
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) return { status: 400, code: 'invalid_idempotency_key' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400, code: 'invalid_json' };
  }
  if (nestingOf(text) > 64) return { status: 400, code: 'invalid_json' };
  if (c.node === undefined) return { status: 'any' };
  value = meaning(c.node);
  const verdict = oracle(value, frameImageOk);
  if (!verdict.ok) return { status: 422, code: 'validation_failed', paths: verdict.paths };
  const bound = key === null ? undefined : boundKeys.get(key);
  if (bound !== undefined) return { status: 'usedKey', id: bound };
  return { status: 'created' };
}

/** How deep arrays and objects nest in JSON text (brackets in strings do not count). */
function nestingOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

async function problemOf(response: Response, where: string): Promise<Problem> {
  expect(response.headers.get('content-type'), where).toBe(PROBLEM_CONTENT_TYPE);
  const problem = JSON.parse(await response.text()) as Problem;
  expect(problem.status, where).toBe(response.status);
  expect(PROBLEM_CODES as readonly string[], where).toContain(problem.code);
  expect(problem.type, where).toBe(PROBLEM_TYPE_PREFIX + problem.code);
  expect(typeof problem.title === 'string' && typeof problem.detail === 'string' && problem.detail.length > 0, where).toBe(true);
  for (const issue of problem.issues ?? []) expect(typeof issue.path === 'string' && typeof issue.message === 'string' && issue.message.length > 0, where).toBe(true);
  return problem;
}

async function run(c: Case): Promise<void> {
  stats.cases++;
  const headers = new Headers();
  if (c.contentType !== undefined) headers.set('content-type', c.contentType);
  if (c.idempotencyKey !== undefined) headers.set(HEADERS.idempotencyKey, c.idempotencyKey);
  if (c.origin !== undefined) headers.set('origin', c.origin);
  if (c.secFetchSite !== undefined) headers.set('sec-fetch-site', c.secFetchSite);
  const request = new Request(`${BASE}/tasks`, { method: 'POST', headers, body: c.body });
  const key = request.headers.get(HEADERS.idempotencyKey);
  // What the handler reads: the bytes as UTF-8, a leading BOM dropped, bad sequences replaced.
  const text = typeof c.body === 'string' ? c.body.replace(/^\ufeff/, '') : new TextDecoder().decode(c.body);
  const expected = expectation(c, text, key);
  const where = `body ${JSON.stringify(text.slice(0, 300))} (content-type ${c.contentType}, key ${key}, origin ${c.origin})`;

  const submitted = submissions.length;
  writes.length = 0;
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    throw new Error(`The handler threw ${String(error)} for ${where}`);
  }
  expect(response.status, where).not.toBe(500);

  if (response.status >= 400) {
    stats.refused.set(response.status, (stats.refused.get(response.status) ?? 0) + 1);
    expect(response.status, where).toBeLessThan(500);
    const problem = await problemOf(response, where);
    if ('code' in expected) {
      expect({ status: response.status, code: problem.code }, where).toEqual({ status: expected.status, code: expected.code });
      if (expected.paths) expect(new Set(problem.issues?.map((i) => i.path)), where).toEqual(expected.paths);
    } else if (expected.status === 'created') throw new Error(`A valid body was refused with ${JSON.stringify(problem)}: ${where}`);
    else if (expected.status === 'usedKey') expect(problem.code, where).toBe('idempotency_key_reused');
    // Refused: Runware was not called and nothing was written.
    expect(submissions.length, where).toBe(submitted);
    expect(writes, where).toEqual([]);
  } else {
    expect(response.headers.get('content-type'), where).toMatch(/^application\/json/);
    const { task, token } = (await response.json()) as CreateTaskResponse;
    if (response.status === 200) {
      // Only a replay answers 200 here: of the task the key is bound to.
      stats.replayed++;
      expect(['usedKey', 'any'], where).toContain(expected.status);
      expect(task.id, where).toBe(key === null ? undefined : boundKeys.get(key));
      expect(response.headers.get(HEADERS.idempotentReplay), where).toBe('true');
      expect(writes, where).toEqual([]);
      expect(submissions.length, where).toBe(submitted);
    } else {
      expect(response.status, where).toBe(201);
      expect(['created', 'any'], where).toContain(expected.status);
      stats.created++;
      if (task.status === 'failed') stats.failedAtSubmit++;
      // Exactly one task was made and sent once; writes touched it alone.
      expect(writes.filter((w) => w.op === 'create').map((w) => w.id), where).toEqual([task.id]);
      expect(writes.every((w) => w.id === task.id), where).toBe(true);
      expect(submissions.slice(submitted).map((s) => s.taskUUID), where).toEqual([task.id]);
      expect(response.headers.get('location'), where).toBe(`${BASE}/tasks/${task.id}`);
      if (key !== null) boundKeys.set(key, task.id);
      if (c.node !== undefined) {
        const sent = meaning(c.node) as { positivePrompt: string };
        expect(task.input.positivePrompt, where).toBe(sent.positivePrompt);
        expect(submissions.at(-1)!.input.positivePrompt, where).toBe(sent.positivePrompt);
      }
      const read = await handler(new Request(`${BASE}/tasks/${task.id}`, { headers: { [HEADERS.taskToken]: token } }));
      expect(read.status, where).toBe(200);
      expect(((await read.json()) as TaskSnapshot).id, where).toBe(task.id);
    }
  }
  // The pinned task never moves, and nothing leaked into Object.prototype.
  expect((await memory.get(pinned.id))?.version, where).toBe(pinned.record.version);
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS || ({} as Record<string, unknown>).polluted !== undefined) {
    throw new Error(`Object.prototype was changed by ${where}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generators for whole requests

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8', ' application/json '];
const contentType = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'application/problem+json', 'multipart/form-data; boundary=x', '') },
);
const idempotencyKey = fc.oneof(
  { weight: 12, arbitrary: fc.constant<string | undefined>(undefined) },
  { weight: 2, arbitrary: fc.uuid().map((u): string | undefined => u) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>('short', 'fifteen-chars-k', 'sixteen-chars-ok', 'x'.repeat(256), 'has space inside', 'pinned-task-key-0001', '  padded-key-123  ', 'tab\tkey-12345', 'ünïcödé-key-1') },
);
const origin = fc.oneof(
  { weight: 20, arbitrary: fc.constant<[string | undefined, string | undefined]>([undefined, undefined]) },
  { weight: 1, arbitrary: fc.constantFrom<[string | undefined, string | undefined]>([ORIGIN, 'same-origin'], ['https://evil.example', 'cross-site'], ['null', 'cross-site'], [undefined, 'cross-site'], [undefined, 'same-site']) },
);

type BodyShape = Pick<Case, 'body' | 'node'>;
const bodyShape: fc.Arbitrary<BodyShape> = fc.oneof(
  { weight: 14, arbitrary: inputBody.map((node): BodyShape => ({ body: toJsonText(node), node })) },
  { weight: 2, arbitrary: oddBody.map((node): BodyShape => ({ body: toJsonText(node), node })) },
  {
    // The same meaning in other clothes: whitespace around it, a UTF-8 byte order mark.
    weight: 1,
    arbitrary: fc.tuple(inputBody, fc.constantFrom(' ', '\n\t', '\r\n', '\ufeff')).map(([node, pad]): BodyShape => ({ body: pad === '\ufeff' ? `${pad}${toJsonText(node)}` : `${pad}${toJsonText(node)}${pad}`, node })),
  },
  {
    // Cut short anywhere: mostly broken JSON.
    weight: 1,
    arbitrary: inputBody.chain((node) => {
      const full = toJsonText(node);
      return fc.integer({ min: 0, max: full.length - 1 }).map((cut): BodyShape => ({ body: full.slice(0, cut) }));
    }),
  },
  { weight: 1, arbitrary: fc.oneof(unicodeText(80), fc.constantFrom('', 'null', '[]', '{}', '"a prompt"', 'positivePrompt=hi', '{"positivePrompt":"hi",}', "{'positivePrompt':'hi'}", 'NaN', '{"a":1}{"b":2}')).map((body): BodyShape => ({ body })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes): BodyShape => ({ body: new Uint8Array(bytes) })) },
  { weight: 1, arbitrary: anyJson(4).map((node): BodyShape => ({ body: toJsonText(node), node })) },
);

const requestCase: fc.Arbitrary<Case> = fc
  .record({ shape: bodyShape, contentType, idempotencyKey, origin })
  .map(({ shape, contentType, idempotencyKey, origin: [originHeader, secFetchSite] }): Case => ({
    ...shape,
    ...(contentType !== undefined && { contentType }),
    ...(idempotencyKey !== undefined && { idempotencyKey }),
    ...(originHeader !== undefined && { origin: originHeader }),
    ...(secFetchSite !== undefined && { secFetchSite }),
  }));

// ---------------------------------------------------------------------------------------------

describe('POST /tasks under fuzzing', () => {
  it('answers 10,000 random and hostile requests honestly', async () => {
    await fc.assert(fc.asyncProperty(requestCase, run), { numRuns: 10_000, seed });
    expect(stats.created).toBeGreaterThan(1_000); // the run did make tasks, not only refusals
    expect(logLines.filter((l) => l.startsWith('error'))).toEqual([]);
  }, 120_000);

  it('replays the pinned task for its own key and body, and refuses that key with another body', async () => {
    await run({ body: pinned.body, node: new Entries(Object.entries(JSON.parse(pinned.body) as Record<string, JsonNode>)), contentType: 'application/json', idempotencyKey: pinned.key });
    // The same settings written differently (key order, an explicit null, the seed as a bare number) are the same request.
    const same = '{ "seed": 9223372036854775807, "height": 480, "duration": null, "width": 864, "positivePrompt": "A lighthouse keeper waves at a passing ship" }';
    const replay = await createRaw(same, { 'content-type': 'application/json', [HEADERS.idempotencyKey]: pinned.key });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as CreateTaskResponse).task.id).toBe(pinned.id);
    const other = await createRaw(JSON.stringify({ positivePrompt: 'Something else entirely', resolution: '480p' }), { 'content-type': 'application/json', [HEADERS.idempotencyKey]: pinned.key });
    expect(other.status).toBe(422);
    expect((await problemOf(other, 'reused key')).code).toBe('idempotency_key_reused');
  });

  it('treats a retry with the same key as the same task, however it is written and however it races', async () => {
    const validBody = inputBody.filter((node) => oracle(meaning(node), frameImageOk).ok);
    const retry = validBody.chain((node) => {
      // The same meaning: duplicates resolved, keys in another order.
      const entries = Object.entries(meaning(node) as Record<string, JsonNode>);
      return fc.tuple(fc.constant(node), fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), fc.boolean());
    });
    await fc.assert(
      fc.asyncProperty(retry, async ([node, shuffled, together]) => {
        // A fresh key per run: fast-check repeats generated values (and shrinking re-runs a case),
        // and a key seen before is rightly a replay, which is not what this property is about.
        const key = randomUUID();
        stats.cases += 2;
        const headers = { 'content-type': 'application/json', [HEADERS.idempotencyKey]: key };
        const submitted = submissions.length;
        const bodies = [toJsonText(node), toJsonText(new Entries(shuffled))] as const;
        const answers = together ? await Promise.all(bodies.map((b) => createRaw(b, headers))) : [await createRaw(bodies[0], headers), await createRaw(bodies[1], headers)];
        const where = `retry of ${bodies[0].slice(0, 200)} (${together ? 'at once' : 'in turn'})`;
        expect(answers.map((a) => a.status).sort(), where).toEqual([200, 201]);
        const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as CreateTaskResponse).task.id));
        expect(ids[0], where).toBe(ids[1]);
        expect(submissions.length - submitted, where).toBe(1); // charged once
        stats.created++;
        stats.replayed++;
      }),
      { numRuns: 300, seed },
    );
  }, 60_000);

  it('handles the extremes: 10 MB frame images, bodies over the limit, 100,000-deep nesting, huge arrays', async () => {
    const at = new Entries([['positivePrompt', 'A huge first frame'], ['frameImage', HUGE_FRAMES.atLimit]]);
    await run({ body: toJsonText(at), node: at, contentType: 'application/json' });
    const over = new Entries([['positivePrompt', 'A huge first frame'], ['frameImage', HUGE_FRAMES.overLimit]]);
    await run({ body: toJsonText(over), node: over, contentType: 'application/json' });
    for (const body of ['['.repeat(100_000), `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`]) await run({ body, contentType: 'application/json' });
    const deep = new Entries([['positivePrompt', 'deep'], ['resolution', '480p'], ['seed', new Deep(10_000, 1)]]);
    await run({ body: toJsonText(deep), contentType: 'application/json' });
    const wide = new Entries([['positivePrompt', 'wide'], ['resolution', '480p'], ['seed', Array.from({ length: 200_000 }, (_, i) => i)]]);
    await run({ body: toJsonText(wide), node: wide, contentType: 'application/json' });

    // Over the 15 MB body limit: refused before it is read to the end.
    const big = await createRaw(`{"positivePrompt":"${'a'.repeat(15_000_001)}"}`, { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect((await problemOf(big, 'over the body limit')).code).toBe('payload_too_large');
    const declared = await handler(
      new Request(`${BASE}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '99999999999' }, body: '{}' }),
    );
    expect([400, 413]).toContain(declared.status);
    await problemOf(declared, 'a lying content-length');
  }, 60_000);
});

describe('other routes under fuzzing', () => {
  it('never fails on random webhook bodies, and never moves a finished task', async () => {
    const before = (await memory.get(active.id))!;
    const webhookBody = fc.oneof(
      anyJson(4).map(toJsonText),
      unicodeText(60),
      fc
        .record({
          taskUUID: fc.constantFrom(pinned.id, active.id, 'someone-else'),
          videoUUID: fc.oneof(fc.uuid(), fc.constant('')),
          videoURL: fc.constantFrom('https://vm.runware.ai/video/a.mp4', '', 'javascript:alert(1)'),
          seed: fc.bigInt(-10n, 9223372036854775808n),
          status: fc.constantFrom('success', 'processing', 'error', 'weird'),
          progress: fc.integer({ min: -5, max: 105 }),
          code: fc.constantFrom('taskFailed', 'contentPolicyViolation'),
        })
        .map((r) => toJsonText(new Entries(Object.entries(r) as [string, JsonNode][]))),
    );
    const target = fc.constantFrom(
      { id: pinned.id, sig: pinned.webhookSig },
      { id: active.id, sig: active.webhookSig },
      { id: active.id, sig: pinned.webhookSig }, // another task's signature
      { id: active.id, sig: 'forged' },
    );
    await fc.assert(
      fc.asyncProperty(webhookBody, target, async (body, { id, sig }) => {
        stats.cases++;
        const response = await handler(new Request(`${BASE}/webhooks/runware?task=${encodeURIComponent(id)}&sig=${encodeURIComponent(sig)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
        const where = `webhook ${id} ${body.slice(0, 200)}`;
        const signed = (id === pinned.id && sig === pinned.webhookSig) || (id === active.id && sig === active.webhookSig);
        if (!signed) {
          expect(response.status, where).toBe(401);
          await problemOf(response, where);
        } else {
          expect(response.status, where).toBe(200);
          expect(await response.json(), where).toMatchObject({ received: true });
        }
        expect((await memory.get(pinned.id))?.version, where).toBe(pinned.record.version);
        const now = (await memory.get(active.id))!;
        expect(now.state.numberResults, where).toBe(before.state.numberResults);
        for (const result of now.state.results) expect(typeof result.videoUUID === 'string' && result.videoUUID !== '' && typeof result.videoURL === 'string' && result.videoURL !== '', where).toBe(true);
        expect(Object.getOwnPropertyNames(Object.prototype).sort().join(), where).toBe(PROTOTYPE_KEYS);
      }),
      { numRuns: 1_500, seed },
    );
  }, 60_000);

  it('answers random paths, methods and tokens with a problem, never a 500', async () => {
    const segment = fc.oneof(fc.constantFrom(pinned.id, active.id, '', '%', '%E0%A4%A', '..', '%2F', '__proto__', 'constructor'), unicodeText(12).map((t) => encodeURIComponent(t.replace(/[\ud800-\udfff]/g, '\ufffd'))));
    const path = fc.oneof(
      segment.map((s) => `/tasks/${s}`),
      segment.map((s) => `/tasks/${s}/events`),
      segment.map((s) => `/tasks/${s}/cancel`),
      segment.map((s) => `/files/${s}`),
      fc.constantFrom('/limits', '/tasks', '/webhooks/runware', '/', '/nope', '//tasks', '/tasks/a/b/c'),
    );
    const token = fc.constantFrom<string | undefined>(undefined, pinned.token, active.token, '', 'x'.repeat(200), 'not-a-token');
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');
    await fc.assert(
      fc.asyncProperty(path, token, method, async (p, t, m) => {
        stats.cases++;
        const headers: Record<string, string> = t === undefined ? {} : { [HEADERS.taskToken]: t };
        const response = await handler(new Request(`${BASE}${p}`, { method: m, headers }));
        const where = `${m} ${p} token ${t?.slice(0, 20)}`;
        expect(response.status, where).not.toBe(500);
        if (response.status >= 400 && m !== 'HEAD') await problemOf(response, where);
        else if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
        else await response.arrayBuffer();
        expect((await memory.get(pinned.id))?.version, where).toBe(pinned.record.version);
      }),
      { numRuns: 1_500, seed },
    );
  }, 60_000);
});
