import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { REAL_RUNWARE_POLICY } from './real-runware-policy.js';
import { seedanceDevRoute } from './seedance-dev-route.js';

// The demo uses the built packages (`npm start` builds them first), as a consumer app would.
// The key is read on the server only (here, in Node); nothing below reaches the browser.
const apiKey = process.env.RUNWARE_API_KEY;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    seedanceDevRoute({
      basePath: '/api/seedance',
      // Finished videos are kept on this machine and served at /videos/…, as an app would copy them to its storage.
      keepDir: join(tmpdir(), 'seedance-kit-demo-videos'),
      // With a real key, cap what a demo visitor can spend; the simulator is free.
      ...(apiKey && { policy: REAL_RUNWARE_POLICY }),
    }),
  ],
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: false },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173) },
  // React, Radix and react-query together are over Vite's 500 kB warning; the demo is one page.
  build: { chunkSizeWarningLimit: 1024 },
});
