import { formatIssueMessage, type IssueMessageFormatter, type IssueParams, type ValidationCode } from '@seedance-kit/core';

/** What this needs of one of core's field schemas (`positivePromptSchema`, `seedSchema`). */
interface FieldSchema {
  safeParse(value: unknown): { readonly success: boolean; readonly error?: { readonly issues: readonly { readonly code: string; readonly params?: unknown }[] } };
}

/**
 * The message for what is wrong with one field's value, by core's own schema for that field and
 * core's wording (through `formatIssue`), or undefined when it is fine. Parts used without a form
 * check themselves with this; `validateGenerationInput` runs the same schema, so a standalone
 * part and the form can never disagree. Core's rules travel as custom issues carrying their code.
 */
export function fieldIssueMessage(schema: FieldSchema, field: string, value: unknown, formatIssue?: IssueMessageFormatter): string | undefined {
  const issue = schema.safeParse(value).error?.issues[0];
  if (!issue) return undefined;
  const { code = 'invalid_type', ...params } = ((issue.code === 'custom' && issue.params) || {}) as { code?: ValidationCode } & IssueParams;
  return formatIssueMessage(code, field, params, formatIssue);
}
