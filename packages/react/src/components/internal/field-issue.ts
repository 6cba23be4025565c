import { seedanceProFast, validateGenerationInput, type GenerationInput, type IssueMessageFormatter } from '@seedance-kit/core';

// A valid input to change one field of, so only that field's rules can fail.
const VALID_BASE: GenerationInput = { positivePrompt: 'ok', ...seedanceProFast.defaultDimensions };

/**
 * The message for what is wrong with one field's value, by core's own rules and wording (through
 * `formatIssue`), or undefined when it is fine. Parts used without a form validate themselves
 * with this, so a standalone part and the form can never disagree.
 */
export function fieldIssueMessage(
  field: keyof GenerationInput,
  value: unknown,
  formatIssue?: IssueMessageFormatter,
): string | undefined {
  const result = validateGenerationInput({ ...VALID_BASE, [field]: value }, formatIssue ? { messages: formatIssue } : {});
  return result.ok ? undefined : result.issues.find((issue) => issue.path === field)?.message;
}
