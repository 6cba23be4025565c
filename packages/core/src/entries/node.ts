// @seedance-kit/core/node: the handler on node:http (`http.createServer(createSeedanceRequestListener())`),
// and `keepOnDisk`, a `keepResult` that keeps videos in a directory and serves them.
export {
  createSeedanceRequestListener,
  sendWebResponse,
  toWebRequest,
  type SeedanceRequestListener,
  type SeedanceRequestListenerOptions,
  type ToWebRequestOptions,
  type WebHandler,
} from '../server/adapters/node-http.js';
export { createSeedanceHandler, type SeedanceHandler } from '../server/create-seedance-handler.js';
export type { SeedanceHandlerOptions } from '../server/handler-options.js';
export { keepOnDisk, type KeepOnDisk, type KeepOnDiskOptions } from '../server/keep/keep-on-disk.js';
export type { FinishedVideo, KeepResultHook, KeepResultOptions } from '../server/keep/keep-types.js';
