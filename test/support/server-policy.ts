// The server entry's policy functions alone, for the in-memory client in browser tests.
export { effectiveLimits, resolvePolicy } from '../../packages/core/src/server/policy.js';
