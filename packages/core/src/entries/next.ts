// @seedance-kit/core/next: App Router route functions for `app/api/seedance/[...seedance]/route.ts`.
export { createRouteHandlers, type NextRouteHandler, type RouteHandlersOptions, type SeedanceRouteHandlers } from '../server/adapters/next-route-handlers.js';
export { createSeedanceHandler, type SeedanceHandler } from '../server/create-seedance-handler.js';
export type { SeedanceHandlerOptions } from '../server/handler-options.js';
