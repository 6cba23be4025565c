// A Node server that keeps every finished video on disk. Run it with a TypeScript runner,
// e.g. `npx tsx examples/keep-on-disk/server.ts` (VIDEO_DIR, PORT and RUNWARE_API_KEY are read).
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createKeepOnDiskApp } from './app.js';

const dir = resolve(process.env.VIDEO_DIR ?? 'kept-videos');
const port = Number(process.env.PORT ?? 3000);
// Without RUNWARE_API_KEY (outside production) the handler runs the local Runware.
const { handler, listener } = createKeepOnDiskApp({ dir });
const server = createServer(listener).listen(port, () => {
  console.log(`POST http://localhost:${port}/api/seedance/tasks; kept videos in ${dir}, served at /videos/`);
});
process.once('SIGINT', () => {
  server.close();
  void handler.close();
});
