export * from './seedance-pro-fast.js';
export type * from './validation-issue.js';
export * from './prompt-length.js';
export * from './seed.js';
export * from './messages.js';
export * from './generation-input.js';
export * from './validate-generation.js';
export * from './estimate-cost.js';
