import { defineConfig } from 'tsdown';

// One bundle per public entry. `index` is browser-safe; the others are server-only subpaths.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    server: 'src/entries/server.ts',
    next: 'src/entries/next.ts',
    express: 'src/entries/express.ts',
    hono: 'src/entries/hono.ts',
    node: 'src/entries/node.ts',
    redis: 'src/entries/redis.ts',
    internal: 'src/entries/internal.ts',
  },
  format: 'esm',
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
  deps: { neverBundle: [/^node:/, 'express', 'hono', /^next(\/|$)/, 'redis', /^@redis\//, 'zod', /^zod\//] },
});
