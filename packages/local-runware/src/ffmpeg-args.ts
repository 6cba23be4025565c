import type { OutputFormat } from '@seedance-kit/core';
import type { FfmpegToolkit } from './find-ffmpeg.js';

/** One result's video, as the renderer is asked for it. */
export interface VideoRecipe {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  readonly format: OutputFormat;
  /** Runware's `outputQuality`, 20–99. */
  readonly quality: number;
  readonly seed: bigint;
  /** Text files for `drawtext`; absent when the binary cannot draw text. */
  readonly promptFile?: string;
  readonly captionFile?: string;
  readonly output: string;
}

export const CONTAINERS: Readonly<Record<OutputFormat, { readonly muxer: string; readonly ext: string; readonly contentType: string }>> = {
  MP4: { muxer: 'mp4', ext: 'mp4', contentType: 'video/mp4' },
  WEBM: { muxer: 'webm', ext: 'webm', contentType: 'video/webm' },
  MOV: { muxer: 'mov', ext: 'mov', contentType: 'video/quicktime' },
};

const PATTERNS = ['testsrc2', 'mandelbrot', 'life', 'cellauto'] as const;
type Pattern = (typeof PATTERNS)[number];
/** Elementary automata that fill the frame with structure rather than noise or blank. */
const CELL_RULES = [30, 45, 73, 90, 105, 110, 150, 184];

/**
 * The ffmpeg command line for a recipe: a generated pattern chosen and coloured by the seed,
 * the prompt and seed drawn on it, exactly `frames` frames at `fps`, encoded fast (x264
 * ultrafast for MP4/MOV, VP9 realtime for WEBM) into the container of the format, with
 * `-progress` on stdout so the caller can follow the frame count.
 */
export function ffmpegArgs(recipe: VideoRecipe, toolkit: Pick<FfmpegToolkit, 'filters' | 'fontFile' | 'canDrawText'>): string[] {
  const { width: w, height: h, fps, seed } = recipe;
  const patterns = PATTERNS.filter((p) => toolkit.filters.has(p));
  const pattern: Pattern = patterns[Number(seed % BigInt(Math.max(1, patterns.length)))] ?? 'testsrc2';
  const [source, shaping] = patternSource(pattern, w, h, fps, seed);
  const hue = Number((seed * 47n) % 360n);
  const chain = [...shaping, `hue=h=${hue}`, ...textFilters(recipe, toolkit), 'format=yuv420p'];
  return [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    source,
    '-frames:v',
    String(recipe.frames),
    '-vf',
    chain.join(','),
    '-r',
    String(fps),
    ...encoderArgs(recipe),
    '-progress',
    'pipe:1',
    '-nostats',
    '-f',
    CONTAINERS[recipe.format].muxer,
    recipe.output,
  ];
}

function patternSource(pattern: Pattern, w: number, h: number, fps: number, seed: bigint): [string, string[]] {
  const seed32 = (seed & 0xffffffffn).toString();
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  const up = (flags: string) => [`scale=${w}:${h}:flags=${flags}`, 'setsar=1'];
  // Cells of a few pixels at any size, so the automata read as shapes rather than noise.
  const cell = Math.max(4, Math.round(Math.min(w, h) / 120));
  const grid = `${even(w / cell)}x${even(h / cell)}`;
  switch (pattern) {
    case 'mandelbrot': {
      // Fractals cost per pixel: draw small and scale up, so 1080p stays cheap.
      const f = Math.max(1, Math.ceil(Math.sqrt((w * h) / 120_000)));
      return [`mandelbrot=size=${even(w / f)}x${even(h / f)}:rate=${fps}`, up('bilinear')];
    }
    case 'life':
      return [
        `life=size=${grid}:rate=${fps}:seed=${seed32}:ratio=0.3:mold=10:life_color=#${seedColor(seed, 1n)}:death_color=#101018:mold_color=#${seedColor(seed, 2n, 0.5)}`,
        up('neighbor'),
      ];
    case 'cellauto': {
      const rule = CELL_RULES[Number(seed % BigInt(CELL_RULES.length))] ?? 110;
      const tint = seedColor(seed, 3n);
      const channel = (at: number) => (Number.parseInt(tint.slice(at, at + 2), 16) / 255).toFixed(3);
      // A black-and-white pattern: tint it, since a hue shift alone leaves grey grey.
      return [
        `cellauto=size=${grid}:rate=${fps}:rule=${rule}:seed=${seed32}:random_fill_ratio=0.5`,
        [...up('neighbor'), `lutrgb=r=val*${channel(0)}:g=val*${channel(2)}:b=val*${channel(4)}`],
      ];
    }
    default:
      return [`testsrc2=size=${w}x${h}:rate=${fps}`, []];
  }
}

/** A saturated colour (hex RRGGBB) picked by the seed; `salt` gives another colour for the same seed. */
function seedColor(seed: bigint, salt: bigint, value = 1): string {
  const mixed = ((seed ^ (salt * 0x9e3779b97f4a7c15n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  const hue = Number((mixed >> 16n) % 360n);
  // HSV (hue, 0.75, value) to RGB.
  const chroma = value * 0.75;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = value - chroma;
  const [r, g, b] = hue < 60 ? [chroma, x, 0] : hue < 120 ? [x, chroma, 0] : hue < 180 ? [0, chroma, x] : hue < 240 ? [0, x, chroma] : hue < 300 ? [x, 0, chroma] : [chroma, 0, x];
  return [r, g, b].map((c) => Math.round((c + m) * 255).toString(16).padStart(2, '0')).join('');
}

function textFilters(recipe: VideoRecipe, toolkit: Pick<FfmpegToolkit, 'fontFile' | 'canDrawText'>): string[] {
  if (!toolkit.canDrawText || !toolkit.fontFile || !recipe.promptFile || !recipe.captionFile) return [];
  const { promptSize, captionSize } = textSizes(recipe.width, recipe.height);
  const font = `fontfile=${escapeFilterValue(toolkit.fontFile)}`;
  const box = (size: number) => `fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=${Math.round(size / 2)}`;
  return [
    `drawtext=${font}:textfile=${escapeFilterValue(recipe.promptFile)}:expansion=none:fontsize=${promptSize}:line_spacing=${Math.round(promptSize / 4)}:${box(promptSize)}:x=${promptSize}:y=${promptSize}`,
    `drawtext=${font}:textfile=${escapeFilterValue(recipe.captionFile)}:fontsize=${captionSize}:${box(captionSize)}:x=${captionSize}:y=h-text_h-${captionSize}`,
  ];
}

/** Approximate width of a glyph in a sans font, as a share of the font size. */
const GLYPH = 0.6;
const CAPTION_CHARS = 44;

export function textSizes(width: number, height: number): { promptSize: number; captionSize: number } {
  const promptSize = Math.max(12, Math.round(Math.min(width, height) / 24));
  const captionSize = Math.max(10, Math.min(promptSize, Math.floor((width - 2 * promptSize) / (CAPTION_CHARS * GLYPH))));
  return { promptSize, captionSize };
}

/** The prompt broken into lines that fit the frame; what does not fit ends in an ellipsis. */
export function wrapPrompt(prompt: string, width: number, height: number): string {
  const { promptSize } = textSizes(width, height);
  const perLine = Math.max(8, Math.floor((width - 4 * promptSize) / (promptSize * GLYPH)));
  const maxLines = Math.min(8, Math.max(2, Math.floor(height / (promptSize * 1.3) / 3)));
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const piece = word.length > perLine ? `${word.slice(0, perLine - 1)}…` : word;
    if (line === '') line = piece;
    else if (line.length + 1 + piece.length <= perLine) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line !== '') lines.push(line);
  const cut = lines.length === maxLines && lines.join(' ').length < prompt.replace(/\s+/g, ' ').trim().length;
  if (cut) lines[maxLines - 1] = `${(lines[maxLines - 1] ?? '').slice(0, perLine - 1)}…`;
  return lines.join('\n');
}

/** The caption under the picture: seed, which result, running time (drawtext expands `%{pts}`). */
export function captionText(seed: bigint, index: number, count: number): string {
  return `seed ${seed}  ·  ${index + 1}/${count}  ·  %{pts:hms}`;
}

function encoderArgs(recipe: VideoRecipe): string[] {
  const q = Math.min(99, Math.max(20, recipe.quality));
  const gop = ['-g', String(recipe.fps * 2)];
  if (recipe.format === 'WEBM') {
    const bitsPerPixel = 0.02 + ((q - 20) / 79) * 0.04;
    const kbps = Math.max(100, Math.round((recipe.width * recipe.height * recipe.fps * bitsPerPixel) / 1000));
    return ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', `${kbps}k`, ...gop, '-pix_fmt', 'yuv420p'];
  }
  const crf = Math.round(40 - ((q - 20) / 79) * 14);
  return ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', String(crf), ...gop, '-pix_fmt', 'yuv420p', '-movflags', '+faststart'];
}

/**
 * Escapes a value for a filter option inside a filter graph: first for the option parser
 * (`\`, `'`, `:`), then for the graph parser (`\`, `'`, `[`, `]`, `,`, `;`).
 */
export function escapeFilterValue(value: string): string {
  const option = value.replace(/[\\':]/g, '\\$&');
  return option.replace(/[\\'[\],;]/g, '\\$&');
}

/** The encoder a format needs, so a binary without it fails with a clear message. */
export function encoderFor(format: OutputFormat): string {
  return format === 'WEBM' ? 'libvpx-vp9' : 'libx264';
}
