import type { EffectiveLimits, PolicyCap } from '../protocol/wire.js';
import { estimateGenerationCost, type CostRate } from '../spec/estimate-cost.js';
import type { GenerationInput } from '../spec/generation-input.js';
import { formatIssueMessage } from '../spec/messages.js';
import { findDimensions, seedanceProFast, type OutputFormat, type Resolution } from '../spec/seedance-pro-fast.js';
import type { IssueParams, ValidationCode, ValidationIssue } from '../spec/validation-issue.js';
import { HttpProblem } from './http/problem.js';

const spec = seedanceProFast;

/** What this site allows, on top of the model's own rules. Every cap is enforced before Runware is called. */
export interface SeedancePolicy {
  /** Videos per task, 1–4. Default 4. */
  readonly maxNumberResults?: number;
  /** Seconds, 1.2–12. Default 12. */
  readonly maxDuration?: number;
  /** Resolution tiers a video may have. Default both. */
  readonly resolutions?: readonly Resolution[];
  readonly outputFormats?: readonly OutputFormat[];
  /** Largest estimated USD of one task (all its videos). Default uncapped. */
  readonly maxTaskCostUsd?: number | null;
  /** Estimated USD one identity may start per clock hour. Default uncapped. */
  readonly maxHourlyCostUsd?: number | null;
  /**
   * Estimated USD everyone together may start per clock hour, a ceiling for the whole site (many
   * identities, or one changing its rate-limit key, cannot pass it). Counted in the task store,
   * so every instance shares it. Default uncapped.
   */
  readonly maxSiteHourlyCostUsd?: number | null;
  /**
   * SSE streams (`GET /tasks/:id/events`) one identity may hold open at once, per instance; the
   * next is a 429 `too_many_streams` until one closes. Default 8; null turns it off.
   */
  readonly maxOpenStreamsPerIdentity?: number | null;
  /** Creates per identity per window. Default 10 per minute; null turns it off. */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number } | null;
  /** Largest request body. Default 15 MB (a 10 MB frame image as base64 plus the prompt). */
  readonly maxBodyBytes?: number;
  /**
   * Origins allowed to create and cancel (checked when the browser sends `Origin`). Default:
   * the handler's own origin (from `publicUrl`, else the request URL).
   */
  readonly allowedOrigins?: readonly string[] | ((origin: string, request: Request) => boolean);
  /** The price rate for estimates; a price, not a law. Default the spec's. */
  readonly costRate?: CostRate;
}

export interface ResolvedPolicy {
  readonly maxNumberResults: number;
  readonly maxDuration: number;
  readonly resolutions: readonly Resolution[];
  readonly outputFormats: readonly OutputFormat[];
  readonly maxTaskCostUsd: number | null;
  readonly maxHourlyCostUsd: number | null;
  readonly maxSiteHourlyCostUsd: number | null;
  readonly maxOpenStreamsPerIdentity: number | null;
  readonly rateLimit: { readonly max: number; readonly windowMs: number } | null;
  readonly maxBodyBytes: number;
  readonly allowedOrigins?: readonly string[] | ((origin: string, request: Request) => boolean);
  readonly costRate: CostRate;
}

export const DEFAULT_RATE_LIMIT = { max: 10, windowMs: 60_000 } as const;
export const DEFAULT_MAX_BODY_BYTES = 15_000_000;
export const DEFAULT_MAX_OPEN_STREAMS_PER_IDENTITY = 8;

/** Fills defaults and refuses a policy that makes no sense, at startup rather than per request. */
export function resolvePolicy(policy: SeedancePolicy = {}): ResolvedPolicy {
  const fail = (what: string): never => {
    throw new TypeError(`Invalid Seedance policy: ${what}`);
  };
  const maxNumberResults = policy.maxNumberResults ?? spec.numberResults.max;
  if (!Number.isInteger(maxNumberResults) || maxNumberResults < spec.numberResults.min || maxNumberResults > spec.numberResults.max) {
    fail(`maxNumberResults must be an integer ${spec.numberResults.min}–${spec.numberResults.max}`);
  }
  const maxDuration = policy.maxDuration ?? spec.duration.max;
  if (!(maxDuration >= spec.duration.min && maxDuration <= spec.duration.max)) fail(`maxDuration must be ${spec.duration.min}–${spec.duration.max}`);
  const resolutions = policy.resolutions ?? spec.resolutions;
  if (resolutions.length === 0 || resolutions.some((r) => !spec.resolutions.includes(r))) fail(`resolutions must be a non-empty subset of ${spec.resolutions.join(', ')}`);
  const outputFormats = policy.outputFormats ?? spec.outputFormat.values;
  if (outputFormats.length === 0 || outputFormats.some((f) => !spec.outputFormat.values.includes(f))) {
    fail(`outputFormats must be a non-empty subset of ${spec.outputFormat.values.join(', ')}`);
  }
  const money = (value: number | null | undefined, name: string) => {
    if (value === undefined || value === null) return null;
    if (!(Number.isFinite(value) && value > 0)) fail(`${name} must be a positive number or null`);
    return value;
  };
  const rateLimit = policy.rateLimit === undefined ? DEFAULT_RATE_LIMIT : policy.rateLimit;
  if (rateLimit && !(Number.isInteger(rateLimit.max) && rateLimit.max > 0 && rateLimit.windowMs > 0)) fail('rateLimit needs a positive integer max and windowMs');
  const maxOpenStreamsPerIdentity = policy.maxOpenStreamsPerIdentity === undefined ? DEFAULT_MAX_OPEN_STREAMS_PER_IDENTITY : policy.maxOpenStreamsPerIdentity;
  if (maxOpenStreamsPerIdentity !== null && !(Number.isInteger(maxOpenStreamsPerIdentity) && maxOpenStreamsPerIdentity > 0)) {
    fail('maxOpenStreamsPerIdentity must be a positive integer or null');
  }
  const maxBodyBytes = policy.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) fail('maxBodyBytes must be a positive integer');
  return {
    maxNumberResults,
    maxDuration,
    resolutions: [...resolutions],
    outputFormats: [...outputFormats],
    maxTaskCostUsd: money(policy.maxTaskCostUsd, 'maxTaskCostUsd'),
    maxHourlyCostUsd: money(policy.maxHourlyCostUsd, 'maxHourlyCostUsd'),
    maxSiteHourlyCostUsd: money(policy.maxSiteHourlyCostUsd, 'maxSiteHourlyCostUsd'),
    maxOpenStreamsPerIdentity,
    rateLimit,
    maxBodyBytes,
    ...(policy.allowedOrigins !== undefined && { allowedOrigins: policy.allowedOrigins }),
    costRate: policy.costRate ?? spec.price,
  };
}

/** Estimated USD of a task under the policy's rate (the upper end when the size is not known yet). */
export function estimateTaskCost(input: GenerationInput, policy: ResolvedPolicy): number {
  return estimateGenerationCost(input, { rate: policy.costRate }).maxUsd;
}

/** Throws a 422 problem naming the first cap the input goes over, with a field issue per cap. */
export function checkCaps(input: GenerationInput, policy: ResolvedPolicy): void {
  const issues: ValidationIssue[] = [];
  const caps: PolicyCap[] = [];
  const add = (cap: PolicyCap, path: string, code: ValidationCode, params: IssueParams) => {
    caps.push(cap);
    issues.push({ path, code, params, message: formatIssueMessage(code, path, params) });
  };

  const numberResults = input.numberResults ?? spec.numberResults.default;
  if (numberResults > policy.maxNumberResults) add('maxNumberResults', 'numberResults', 'too_big', { max: policy.maxNumberResults });
  const duration = input.duration ?? spec.duration.default;
  if (duration > policy.maxDuration + 1e-9) add('maxDuration', 'duration', 'too_big', { max: policy.maxDuration, unit: ' s' });

  const tiers = possibleTiers(input);
  if (tiers.some((tier) => !policy.resolutions.includes(tier))) {
    const path = input.width !== undefined ? 'width' : 'resolution';
    add('resolutions', path, 'invalid_value', { allowed: policy.resolutions.join(', ') });
  }
  const format = input.outputFormat ?? spec.outputFormat.default;
  if (!policy.outputFormats.includes(format)) add('outputFormats', 'outputFormat', 'invalid_value', { allowed: policy.outputFormats.join(', ') });

  if (issues.length === 0 && policy.maxTaskCostUsd !== null) {
    const cost = estimateTaskCost(input, policy);
    if (cost > policy.maxTaskCostUsd) {
      throw new HttpProblem(422, 'policy_cap_exceeded', {
        kind: 'policy',
        retryable: false,
        cap: 'maxTaskCostUsd',
        detail: `This would cost about ${usd(cost)}, over this site's limit of ${usd(policy.maxTaskCostUsd)} per task. Choose fewer videos, a shorter duration or a smaller size.`,
      });
    }
  }
  if (issues.length > 0) {
    throw new HttpProblem(422, 'policy_cap_exceeded', {
      kind: 'policy',
      retryable: false,
      cap: caps[0] as PolicyCap,
      issues,
      detail: `Over a limit of this site: ${issues.map((i) => i.message).join(' ')}`,
    });
  }
}

/**
 * The tiers the video may come out in: known from the size or the preset; with only a frame
 * image the model picks the size, so any tier (the policy must then allow them all, or the
 * user picks a preset).
 */
function possibleTiers(input: GenerationInput): readonly Resolution[] {
  if (input.width !== undefined && input.height !== undefined) {
    const dims = findDimensions(input.width, input.height);
    return dims ? [dims.resolution] : [];
  }
  if (input.resolution !== undefined) return [input.resolution];
  if (input.frameImage !== undefined) return spec.resolutions;
  const fallback = findDimensions(spec.defaultDimensions.width, spec.defaultDimensions.height);
  return fallback ? [fallback.resolution] : [];
}

/** The model's ranges narrowed by the policy, for `GET /limits`. */
export function effectiveLimits(policy: ResolvedPolicy, provider: 'runware' | 'local'): EffectiveLimits {
  return {
    model: spec.model,
    provider,
    numberResults: { min: spec.numberResults.min, max: policy.maxNumberResults },
    duration: { min: spec.duration.min, max: policy.maxDuration, step: spec.duration.step },
    resolutions: policy.resolutions,
    dimensions: spec.dimensions.filter((d) => policy.resolutions.includes(d.resolution)).map((d) => ({ ...d })),
    outputFormats: policy.outputFormats,
    maxTaskCostUsd: policy.maxTaskCostUsd,
    maxHourlyCostUsd: policy.maxHourlyCostUsd,
    maxSiteHourlyCostUsd: policy.maxSiteHourlyCostUsd,
    maxBodyBytes: policy.maxBodyBytes,
    rateLimit: policy.rateLimit ? { max: policy.rateLimit.max, windowSeconds: policy.rateLimit.windowMs / 1000 } : null,
  };
}

const usd = (value: number) => `$${value < 0.1 ? value.toFixed(4) : value.toFixed(2)}`;
