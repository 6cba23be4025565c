export {
  DEFAULT_ERROR_MESSAGES,
  ERROR_KINDS,
  SeedanceError,
  isRetryableKind,
  toTaskError,
  type SeedanceErrorKind,
  type TaskError,
} from './seedance-error.js';
export { classifyRunwareError, errorFromRunware, networkError, timeoutError } from './classify-runware-error.js';
