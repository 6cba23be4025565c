// @seedance-kit/local-runware: a local stand-in for Runware's HTTP API that makes real video
// files with ffmpeg, for development and tests. Server-only (node:child_process, node:fs, node:http).
export { createLocalRunware } from './create-local-runware.js';
export { ANSWER_SHAPES, type LocalRunwareAnswerShape } from './answer-shapes.js';
export { localRunwareProvider, type LocalRunwareProvider } from './local-runware-provider.js';
export type {
  LocalRunware,
  LocalRunwareFault,
  LocalRunwareFaultKind,
  LocalRunwareListenOptions,
  LocalRunwareOptions,
  LocalRunwareServer,
  LocalRunwareStats,
  LocalRunwareTiming,
} from './local-runware-types.js';
