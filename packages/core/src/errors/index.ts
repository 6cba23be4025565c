export {
  DEFAULT_ERROR_MESSAGES,
  ERROR_KINDS,
  SeedanceError,
  isRetryableKind,
  type SeedanceErrorKind,
  type TaskError,
} from './seedance-error.js';
export { KIND_OF_FAMILY, classifyRunwareError, errorFromRunware } from './classify-runware-error.js';
export { RUNWARE_ERROR_FAMILIES, runwareErrorFamily, type RunwareErrorFamily } from './runware-error-families.js';
export { networkError, timeoutError } from './network-error.js';
