import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { seedanceDevRoute } from './seedance-dev-route.js';

// The demo uses the built packages (`npm start` builds them first), as a consumer app would.
const apiKey = process.env.RUNWARE_API_KEY;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    seedanceDevRoute({
      basePath: '/api/seedance',
      // With a real key, cap what a demo visitor can spend; the simulator is free.
      ...(apiKey && { policy: { maxNumberResults: 2, maxTaskCostUsd: 0.1, maxHourlyCostUsd: 1 } }),
    }),
  ],
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: false },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173) },
});
