import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SeedanceHandlerOptions } from '@seedance-kit/core/server';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { seedanceDevRoute } from '../../../examples/demo/seedance-dev-route.js';
import { packageAliases } from '../../../vite.config.js';
import { BENCH_RESULTS } from './report.js';

const PAGE_ROOT = fileURLToPath(new URL('../page/', import.meta.url));
const OUT_DIR = `${BENCH_RESULTS}page-dist`;

/**
 * Builds the bench page for production, with react-dom's profiling build so React's
 * `<Profiler onRender>` reports commits as it would in an app's production bundle.
 */
export async function buildBenchPage(): Promise<void> {
  await build({
    configFile: false,
    root: PAGE_ROOT,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: [...packageAliases, { find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] },
    build: { outDir: OUT_DIR, emptyOutDir: true, chunkSizeWarningLimit: 2048 },
  });
}

export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the built page with the demo's route plugin (the kit's node adapter) beside it. */
export async function startBenchServer(options: SeedanceHandlerOptions): Promise<BenchServer> {
  const server = await preview({
    configFile: false,
    root: PAGE_ROOT,
    logLevel: 'silent',
    build: { outDir: OUT_DIR },
    preview: { host: '127.0.0.1', port: 0, open: false },
    plugins: [seedanceDevRoute({ basePath: '/api/seedance', logger: { warn() {}, error() {} }, ...options })],
  });
  const { port } = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
