// @seedance-kit/core/node: the handler on node:http (`http.createServer(createSeedanceRequestListener())`).
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
