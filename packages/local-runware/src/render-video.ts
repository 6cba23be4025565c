import { spawn } from 'node:child_process';
import { ffmpegArgs, type VideoRecipe } from './ffmpeg-args.js';
import type { FfmpegToolkit } from './find-ffmpeg.js';

export interface RenderOptions {
  readonly toolkit: FfmpegToolkit;
  readonly recipe: VideoRecipe;
  /** Aborting kills ffmpeg; the promise settles only once the process is gone. */
  readonly signal: AbortSignal;
  /** Frames encoded so far, as ffmpeg reports them (about twice a second). */
  readonly onFrames?: (frames: number) => void;
}

export class RenderError extends Error {
  override readonly name = 'RenderError';
}

const STDERR_TAIL = 2000;

/** Runs ffmpeg for one recipe. Rejects with a `RenderError` (ffmpeg's last words) or the abort reason. */
export function renderVideo({ toolkit, recipe, signal, onFrames }: RenderOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(toolkit.path, ffmpegArgs(recipe, toolkit), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let pending = '';
    const kill = () => child.kill('SIGKILL');
    signal.addEventListener('abort', kill, { once: true });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^frame=(\d+)/.exec(line);
        if (match) onFrames?.(Number(match[1]));
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    child.on('error', (error) => {
      signal.removeEventListener('abort', kill);
      reject(new RenderError(`Could not run ffmpeg at ${toolkit.path}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signalName) => {
      signal.removeEventListener('abort', kill);
      if (signal.aborted) reject(signal.reason);
      else if (code === 0) resolve();
      else reject(new RenderError(`ffmpeg exited with ${code ?? signalName}: ${stderr.trim() || 'no message'}`));
    });
  });
}
