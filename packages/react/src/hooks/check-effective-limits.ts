import { formatIssueMessage, type EffectiveLimits, type GenerationInput, type IssueMessageFormatter, type IssueParams, type ValidationCode, type ValidationIssue } from '@seedance-kit/core';

/**
 * Issues for values the model allows but this server's policy does not (fewer videos, shorter
 * durations, fewer sizes or formats), worded like core's own issues so translations apply. The
 * server refuses these anyway; checking here marks the field before a round trip.
 */
export function checkEffectiveLimits(values: Partial<GenerationInput>, limits: EffectiveLimits, formatIssue?: IssueMessageFormatter): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: string, code: ValidationCode, params: IssueParams) => issues.push({ path, code, params, message: formatIssueMessage(code, path, params, formatIssue) });
  const range = (path: 'numberResults' | 'duration', value: unknown, min: number, max: number, unit = '') => {
    if (typeof value !== 'number') return;
    if (value > max) add(path, 'too_big', { max, unit });
    else if (value < min) add(path, 'too_small', { min, unit });
  };
  range('numberResults', values.numberResults, limits.numberResults.min, limits.numberResults.max);
  range('duration', values.duration, limits.duration.min, limits.duration.max, ' s');
  if (values.resolution !== undefined && !limits.resolutions.includes(values.resolution)) {
    add('resolution', 'invalid_value', { allowed: limits.resolutions.join(', ') });
  }
  if (typeof values.width === 'number' && typeof values.height === 'number' && !limits.dimensions.some((d) => d.width === values.width && d.height === values.height)) {
    add('width', 'unsupported_dimensions', { width: values.width, height: values.height, allowed: limits.dimensions.map((d) => `${d.width}×${d.height}`).join(', ') });
  }
  if (values.outputFormat !== undefined && !limits.outputFormats.includes(values.outputFormat)) {
    add('outputFormat', 'invalid_value', { allowed: limits.outputFormats.join(', ') });
  }
  return issues;
}
