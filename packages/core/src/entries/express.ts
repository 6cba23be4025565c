// @seedance-kit/core/express: `app.use('/api/seedance', createSeedanceMiddleware())`.
export { createSeedanceMiddleware, type SeedanceExpressOptions, type SeedanceMiddleware } from '../server/adapters/express-middleware.js';
export { createSeedanceHandler, type SeedanceHandler } from '../server/create-seedance-handler.js';
export type { SeedanceHandlerOptions } from '../server/handler-options.js';
