// @seedance-kit/core/internal: helpers the kit's own packages share (the local Runware uses the
// handler's body reader, JSON answer and wait), so each exists once. Not for apps: no semver
// promise, and it may change in any release.
export { HttpProblem, jsonResponse } from '../server/http/problem.js';
export { readBody } from '../server/http/read-body.js';
export { sleep, type SleepOptions, type Timers } from '../internal/sleep.js';
