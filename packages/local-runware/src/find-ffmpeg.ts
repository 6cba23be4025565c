import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/** What an ffmpeg binary can do, checked once per binary. */
export interface FfmpegToolkit {
  readonly path: string;
  readonly filters: ReadonlySet<string>;
  readonly encoders: ReadonlySet<string>;
  /** A TrueType font for `drawtext`, or undefined: text is then left out of the picture. */
  readonly fontFile?: string;
  /** Whether prompt and seed can be drawn: `drawtext` exists and a font was found. */
  readonly canDrawText: boolean;
}

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/freefont/FreeSans.ttf',
  '/usr/share/fonts/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  '/Library/Fonts/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts'];

/**
 * The ffmpeg to use: the explicit path, then `FFMPEG_PATH`, then `ffmpeg` on PATH, then the
 * binary shipped inside `@ffmpeg-installer/ffmpeg`. Undefined when there is none.
 */
export async function resolveFfmpegPath(explicit?: string): Promise<string | undefined> {
  if (explicit) return explicit;
  const fromEnv = process.env.FFMPEG_PATH;
  if (fromEnv) return fromEnv;
  const names = process.platform === 'win32' ? ['ffmpeg.exe'] : ['ffmpeg'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      // Searched at run time on PATH: nothing here for a bundler's file tracing to include.
      const candidate = join(/* turbopackIgnore: true */ dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  try {
    const require = createRequire(import.meta.url);
    const installer = require('@ffmpeg-installer/ffmpeg') as { path?: unknown };
    if (typeof installer.path === 'string' && (await isExecutable(installer.path))) return installer.path;
  } catch {
    // Not installed: fall through.
  }
  return undefined;
}

const toolkits = new Map<string, Promise<FfmpegToolkit>>();

/** Probes a binary for the filters, encoders and font the renderer needs; cached per path. */
export function ffmpegToolkit(path: string): Promise<FfmpegToolkit> {
  let probe = toolkits.get(path);
  if (!probe) {
    probe = probeToolkit(path);
    toolkits.set(path, probe);
    // A failed probe (binary missing) is tried again next time.
    probe.catch(() => toolkits.delete(path));
  }
  return probe;
}

async function probeToolkit(path: string): Promise<FfmpegToolkit> {
  const [filterList, encoderList, fontFile] = await Promise.all([
    run(path, ['-hide_banner', '-filters']),
    run(path, ['-hide_banner', '-encoders']),
    findFont(),
  ]);
  // Lines look like ` T.C drawtext  V->V  Draw text…` and ` V..... libx264  libx264 H.264…`.
  const names = (text: string) => new Set(text.split('\n').map((line) => line.trim().split(/\s+/)[1] ?? ''));
  const filters = names(filterList);
  const encoders = names(encoderList);
  const canDrawText = filters.has('drawtext') && fontFile !== undefined;
  return { path, filters, encoders, ...(fontFile !== undefined && { fontFile }), canDrawText };
}

function run(path: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, args, { maxBuffer: 8 * 1024 * 1024, timeout: 20_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

/** A font file path safe to name inside a filter graph, preferring well-known sans fonts. */
async function findFont(): Promise<string | undefined> {
  const fromEnv = process.env.LOCAL_RUNWARE_FONT;
  if (fromEnv && (await isReadable(fromEnv))) return fromEnv;
  for (const candidate of FONT_CANDIDATES) if (await isReadable(candidate)) return candidate;
  for (const dir of FONT_DIRS) {
    const found = await findTtf(dir, 4);
    if (found) return found;
  }
  return undefined;
}

async function findTtf(dir: string, depth: number): Promise<string | undefined> {
  if (depth < 0) return undefined;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const file = entries.find((e) => e.isFile() && /\.ttf$/i.test(e.name));
  if (file) return join(dir, file.name);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const found = await findTtf(join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function isReadable(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
