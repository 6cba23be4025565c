export * from './build-task.js';
// The item and frame-image schemas and the running statuses are the parser's own business.
export { parseRunwareResponse, parseRunwareValue, type MalformedItem, type RunwareResponse, type RunwareVideoItem } from './parse-response.js';
export { runwareErrorSchema, runwareVideoTaskSchema, type RunwareErrorItem, type RunwareVideoTask } from './schemas.js';
