// @seedance-kit/core/hono: `app.route('/api/seedance', createSeedanceHono())`.
export { createSeedanceHono, seedanceHonoHandler } from '../server/adapters/hono-app.js';
export { createSeedanceHandler, type SeedanceHandler } from '../server/create-seedance-handler.js';
export type { SeedanceHandlerOptions } from '../server/handler-options.js';
