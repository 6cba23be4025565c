export { SeedanceProvider, useSeedanceContext, type SeedanceContextValue, type SeedanceProviderProps } from '../provider/index.js';
export { useSeedanceClient } from './use-seedance-client.js';
export { useVideoTask, type UseVideoTaskOptions, type UseVideoTaskResult } from './use-video-task.js';
export { useEffectiveLimits, type UseEffectiveLimitsOptions } from './use-effective-limits.js';
export {
  DEFAULT_FORM_VALUES,
  useGenerationForm,
  type GenerationFieldProps,
  type GenerationFormField,
  type GenerationFormValues,
  type SetValueOptions,
  type UseGenerationFormOptions,
  type UseGenerationFormResult,
} from './use-generation-form.js';
export { seedanceQueryKeys } from './seedance-query-keys.js';
