export * from './build-task.js';
export * from './parse-response.js';
export * from './schemas.js';
