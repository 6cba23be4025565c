// @seedance-kit/core/local-runware: a local stand-in for Runware's HTTP API that makes real
// video files with ffmpeg. Server-only (node:child_process, node:fs, node:http).
export { createLocalRunware } from '../server/local-runware/create-local-runware.js';
export type {
  LocalRunware,
  LocalRunwareFault,
  LocalRunwareFaultKind,
  LocalRunwareListenOptions,
  LocalRunwareOptions,
  LocalRunwareServer,
  LocalRunwareStats,
  LocalRunwareTiming,
} from '../server/local-runware/local-runware-types.js';
