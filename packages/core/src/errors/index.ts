export {
  DEFAULT_ERROR_MESSAGES,
  ERROR_KINDS,
  SeedanceError,
  isRetryableKind,
  toTaskError,
  type SeedanceErrorKind,
  type TaskError,
} from './seedance-error.js';
export { classifyRunwareError, errorFromRunware } from './classify-runware-error.js';
export { networkError, timeoutError } from './network-error.js';
