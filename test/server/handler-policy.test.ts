import { seedanceProFast } from '@seedance-kit/core';
import { createSeedanceHandler, type EffectiveLimits, type SeedancePolicy } from '@seedance-kit/core/server';
import { afterEach, describe, expect, it } from 'vitest';
import { BASIC_INPUT, problemOf, startStack, type Stack } from './support/harness.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function withPolicy(policy: SeedancePolicy) {
  stack = await startStack({ handler: { policy } });
  return stack;
}

describe('GET /limits', () => {
  it('shows the model’s ranges by default', async () => {
    const { api } = await withPolicy({});
    const res = await api.request<EffectiveLimits>('/limits');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      model: 'bytedance:2@2',
      provider: 'runware',
      numberResults: { min: 1, max: 4 },
      duration: { min: 1.2, max: 12, step: 0.1 },
      resolutions: ['480p', '1080p'],
      outputFormats: ['MP4', 'WEBM', 'MOV'],
      maxTaskCostUsd: null,
      maxHourlyCostUsd: null,
      maxSiteHourlyCostUsd: null,
      rateLimit: { max: 10, windowSeconds: 60 },
    });
    expect(res.body.dimensions).toHaveLength(seedanceProFast.dimensions.length);
  });

  it('shows the caps after policy, so the UI offers only what the server takes', async () => {
    const { api } = await withPolicy({ maxNumberResults: 2, maxDuration: 6, resolutions: ['480p'], outputFormats: ['MP4'], maxTaskCostUsd: 0.05, maxHourlyCostUsd: 1, maxBodyBytes: 100_000, rateLimit: null });
    const { body } = await api.request<EffectiveLimits>('/limits');
    expect(body).toMatchObject({ numberResults: { min: 1, max: 2 }, duration: { max: 6 }, resolutions: ['480p'], outputFormats: ['MP4'], maxTaskCostUsd: 0.05, maxHourlyCostUsd: 1, maxBodyBytes: 100_000, rateLimit: null });
    expect(body.dimensions.every((d) => d.resolution === '480p')).toBe(true);
    expect(body.dimensions).toHaveLength(7);
  });
});

describe('policy caps: a 4xx naming the cap, nothing sent to Runware', () => {
  const cases: [string, SeedancePolicy, Record<string, unknown>, string, string][] = [
    ['numberResults', { maxNumberResults: 2 }, { numberResults: 3 }, 'maxNumberResults', 'numberResults'],
    ['duration', { maxDuration: 3 }, { duration: 3.1 }, 'maxDuration', 'duration'],
    ['the default duration (5 s)', { maxDuration: 3 }, { duration: undefined }, 'maxDuration', 'duration'],
    ['a 1080p size', { resolutions: ['480p'] }, { width: 1920, height: 1088 }, 'resolutions', 'width'],
    ['a 1080p preset', { resolutions: ['480p'] }, { width: undefined, height: undefined, resolution: '1080p' }, 'resolutions', 'resolution'],
    ['a frame image with no tier', { resolutions: ['480p'] }, { width: undefined, height: undefined, frameImage: 'https://example.com/a.jpg' }, 'resolutions', 'resolution'],
    ['a format', { outputFormats: ['MP4'] }, { outputFormat: 'WEBM' }, 'outputFormats', 'outputFormat'],
    ['the default format (MP4)', { outputFormats: ['WEBM'] }, {}, 'outputFormats', 'outputFormat'],
  ];

  it.each(cases)('over the cap on %s', async (_, policy, change, cap, path) => {
    const { api, runware } = await withPolicy(policy);
    const res = await api.create({ ...BASIC_INPUT, ...change });
    expect(res.status).toBe(422);
    const problem = problemOf(res);
    expect(problem).toMatchObject({ code: 'policy_cap_exceeded', kind: 'policy', cap, retryable: false });
    expect(problem.issues?.map((i) => i.path)).toContain(path);
    expect(runware.stats.submitted).toBe(0);
  });

  it('allows what is inside every cap', async () => {
    const { api } = await withPolicy({ maxNumberResults: 2, maxDuration: 3, resolutions: ['480p'], outputFormats: ['MP4', 'WEBM'] });
    const res = await api.create({ ...BASIC_INPUT, numberResults: 2, duration: 3, outputFormat: 'WEBM' });
    expect(res.status).toBe(201);
  });

  it('caps the estimated cost of one task', async () => {
    // 864×480 for 1.2 s ≈ $0.0076 per video.
    const { api, runware } = await withPolicy({ maxTaskCostUsd: 0.02 });
    expect((await api.create({ ...BASIC_INPUT, numberResults: 2 })).status).toBe(201);
    const res = await api.create({ ...BASIC_INPUT, numberResults: 3 });
    expect(res.status).toBe(422);
    expect(problemOf(res)).toMatchObject({ code: 'policy_cap_exceeded', cap: 'maxTaskCostUsd' });
    expect(problemOf(res).detail).toMatch(/\$0\.02/);
    expect(runware.stats.submitted).toBe(1);
  });

  it('caps the estimated spend per identity per hour (429 with Retry-After)', async () => {
    const { api, runware } = await withPolicy({ maxHourlyCostUsd: 0.02 });
    expect((await api.create(BASIC_INPUT)).status).toBe(201);
    expect((await api.create(BASIC_INPUT)).status).toBe(201);
    const res = await api.create(BASIC_INPUT);
    expect(res.status).toBe(429);
    expect(problemOf(res)).toMatchObject({ code: 'hourly_cost_exceeded', cap: 'maxHourlyCostUsd', kind: 'policy' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(runware.stats.submitted).toBe(2);
  });

  it('caps the estimated spend of all identities together per hour (429 naming maxSiteHourlyCostUsd), shown in /limits', async () => {
    stack = await startStack({ handler: { policy: { maxSiteHourlyCostUsd: 0.02, rateLimit: null }, identify: (request) => request.headers.get('x-user') } });
    const { api, runware } = stack;
    expect((await api.request<EffectiveLimits>('/limits')).body).toMatchObject({ maxSiteHourlyCostUsd: 0.02, maxHourlyCostUsd: null });
    expect((await api.create(BASIC_INPUT, { headers: { 'x-user': 'alice' } })).status).toBe(201);
    expect((await api.create(BASIC_INPUT, { headers: { 'x-user': 'bob' } })).status).toBe(201);
    for (const user of ['carol', 'dave', 'alice']) {
      const started = performance.now();
      const res = await api.create(BASIC_INPUT, { headers: { 'x-user': user } });
      expect(res.status).toBe(429);
      expect(problemOf(res)).toMatchObject({ code: 'hourly_cost_exceeded', cap: 'maxSiteHourlyCostUsd', kind: 'policy', retryable: true });
      expect(problemOf(res).detail).toMatch(/\$0\.02 per hour for everyone/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    expect(runware.stats.submitted).toBe(2);
    const limits = performance.now();
    expect((await api.request('/limits')).status).toBe(200);
    expect(performance.now() - limits).toBeLessThan(1_000);
  });

  it('a refusal by the identity cap keeps nothing of the site budget, and the other way round', async () => {
    stack = await startStack({ handler: { policy: { maxHourlyCostUsd: 0.01, maxSiteHourlyCostUsd: 0.02, rateLimit: null }, identify: (request) => request.headers.get('x-user') } });
    const { api } = stack;
    expect((await api.create(BASIC_INPUT, { headers: { 'x-user': 'alice' } })).status).toBe(201);
    // Alice's second is over her own cap: it must not eat into the site's.
    for (let i = 0; i < 3; i++) expect(problemOf(await api.create(BASIC_INPUT, { headers: { 'x-user': 'alice' } }))).toMatchObject({ cap: 'maxHourlyCostUsd' });
    expect((await api.create(BASIC_INPUT, { headers: { 'x-user': 'bob' } })).status).toBe(201);
    // Carol is refused by the site cap: her own budget stays whole (checked by lifting nothing else).
    expect(problemOf(await api.create(BASIC_INPUT, { headers: { 'x-user': 'carol' } }))).toMatchObject({ cap: 'maxSiteHourlyCostUsd' });
  });

  it('gives the hourly budget back when Runware refuses the task before running it', async () => {
    const { api, runware } = await withPolicy({ maxHourlyCostUsd: 0.01 });
    runware.injectFault({ kind: 'insufficientCredits', times: 1 });
    const refused = await api.create(BASIC_INPUT);
    expect(refused.body.task).toMatchObject({ status: 'failed', error: { kind: 'credits' } });
    expect((await api.create(BASIC_INPUT)).status).toBe(201);
  });

  it('rate-limits creates per identity (429 naming rateLimit, Retry-After)', async () => {
    const { api, runware } = await withPolicy({ rateLimit: { max: 2, windowMs: 60_000 } });
    expect((await api.create(BASIC_INPUT)).status).toBe(201);
    expect((await api.create(BASIC_INPUT)).status).toBe(201);
    const res = await api.create(BASIC_INPUT);
    expect(res.status).toBe(429);
    expect(problemOf(res)).toMatchObject({ code: 'rate_limited', cap: 'rateLimit', kind: 'rate_limit', retryable: true });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(runware.stats.submitted).toBe(2);
    // Refused requests (validation) do not reach the counter.
    expect((await api.create({ positivePrompt: 'x' })).status).toBe(422);
  });

  it('keys the rate limit by identity, or by rateLimitKey', async () => {
    const { api } = (stack = await startStack({
      handler: {
        policy: { rateLimit: { max: 1, windowMs: 60_000 } },
        identify: (request) => request.headers.get('x-user'),
      },
    }));
    expect((await api.create(BASIC_INPUT, { headers: { 'x-user': 'a' } })).status).toBe(201);
    expect((await api.create(BASIC_INPUT, { headers: { 'x-user': 'a' } })).status).toBe(429);
    expect((await api.create(BASIC_INPUT, { headers: { 'x-user': 'b' } })).status).toBe(201);
  });

  it('refuses a policy that makes no sense at startup', () => {
    expect(() => createSeedanceHandler({ apiKey: 'k', policy: { maxNumberResults: 5 } })).toThrow(/maxNumberResults/);
    expect(() => createSeedanceHandler({ apiKey: 'k', policy: { maxDuration: 20 } })).toThrow(/maxDuration/);
    expect(() => createSeedanceHandler({ apiKey: 'k', policy: { resolutions: [] } })).toThrow(/resolutions/);
    expect(() => createSeedanceHandler({ apiKey: 'k', policy: { maxTaskCostUsd: -1 } })).toThrow(/maxTaskCostUsd/);
    expect(() => createSeedanceHandler({ apiKey: 'k', secret: 'short' })).toThrow(/secret/);
  });
});
