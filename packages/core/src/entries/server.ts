// @seedance-kit/core/server: the backend route (server only: never import it in the browser).
export { createSeedanceHandler, type SeedanceHandler } from '../server/create-seedance-handler.js';
export type { IdentifyHook, SeedanceHandlerOptions, WebhookOptions } from '../server/handler-options.js';
export type { FinishedVideo, KeepResultHook, KeepResultOptions, KeptVideo, UploadEndpointHook, UploadTarget } from '../server/keep/keep-types.js';
export type { AllowedHosts } from '../server/http/check-host.js';
export { effectiveLimits, resolvePolicy, type ResolvedPolicy, type SeedancePolicy } from '../server/policy.js';
export { createMemoryTaskStore, type MemoryTaskStoreOptions } from '../server/store/memory-task-store.js';
export { TaskStoreUnavailableError, type CreateTaskResult, type TaskListener, type TaskMutation, type TaskRecord, type TaskStore } from '../server/store/task-store.js';
export { createRunwareProvider, type RunwareProviderOptions } from '../server/providers/runware-provider.js';
export { DEFAULT_POLLING, pollDelay, retryDelay, type PollingOptions } from '../server/providers/poll-schedule.js';
export type {
  PollOutcome,
  ProviderContext,
  ProviderSettings,
  ProviderSubmission,
  ProviderUpdate,
  SubmitOutcome,
  VideoProvider,
  VideoProviderFactory,
  WebhookDelivery,
} from '../server/providers/video-provider.js';
export { systemClock, type Clock } from '../server/clock.js';
export type { Logger } from '../server/logger.js';
export * from '../protocol/wire.js';
