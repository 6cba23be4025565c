export * from './seedance-pro-fast.js';
export type * from './validation-issue.js';
export * from './prompt-length.js';
export * from './seed.js';
// FIELD_LABELS and DEFAULT_ISSUE_MESSAGES stay inside: apps word messages through formatIssueMessage.
export { formatIssueMessage } from './messages.js';
export {
  GENERATION_INPUT_FIELDS,
  durationSchema,
  generationInputSchema,
  numberResultsSchema,
  outputQualitySchema,
  positivePromptSchema,
  seedSchema,
  type GenerationInput,
} from './generation-input.js';
export * from './validate-generation.js';
export * from './estimate-cost.js';
