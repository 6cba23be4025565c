import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import type { FinishedVideo } from './keep-types.js';

export interface KeepOnDiskOptions {
  /** Where the files go (created when missing); one file per video, `<videoUUID>.<ext>`. */
  readonly dir: string;
  /**
   * Where `serve` answers and the URL prefix snapshots get: a path such as `/videos`, or an
   * absolute URL (e.g. a CDN in front of the same directory). The kept URL is `<publicPath>/<file>`.
   */
  readonly publicPath: string;
}

/** `keepOnDisk(...)`: the `keepResult` hook, plus the route that serves what it kept. */
export interface KeepOnDisk {
  /** Streams the video into `dir` (a temp file renamed into place, so a repeat is harmless). */
  (video: FinishedVideo): Promise<string>;
  /**
   * `GET|HEAD <publicPath>/<file>`: the kept file, with Range (so `<video>` can seek); 404 for
   * anything else. Mount it on the app's server under `publicPath`.
   */
  serve(request: Request): Promise<Response>;
  readonly dir: string;
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}\.(mp4|webm|mov)$/;
const CONTENT_TYPES: Readonly<Record<string, string>> = { mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime' };

/**
 * Keeps finished videos in a directory and serves them: a working `keepResult` for one server
 * or a shared volume. Anyone with a file's URL can fetch it (the names are unguessable UUIDs,
 * as the provider's are); put `serve` behind your own auth check if that is not enough.
 */
export function keepOnDisk(options: KeepOnDiskOptions): KeepOnDisk {
  const { dir } = options;
  const prefix = options.publicPath.replace(/\/+$/, '');
  const servedPath = /^https?:\/\//i.test(prefix) ? new URL(prefix).pathname.replace(/\/+$/, '') : prefix;
  if (!servedPath.startsWith('/')) throw new TypeError('keepOnDisk: publicPath must start with / or be an http(s) URL');

  const keep = async (video: FinishedVideo): Promise<string> => {
    const name = `${video.videoUUID}.${video.extension}`;
    if (!FILE_NAME.test(name)) throw new TypeError(`keepOnDisk: ${JSON.stringify(video.videoUUID)} is not a usable file name`);
    await mkdir(dir, { recursive: true });
    const response = await video.fetchVideo();
    if (!response.body) throw new Error('keepOnDisk: the provider sent no video bytes');
    const expected = Number(response.headers.get('content-length') ?? NaN);
    const partial = join(dir, `.${name}.${randomUUID()}.part`);
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>), count, createWriteStream(partial), { signal: video.signal });
      if (Number.isFinite(expected) && bytes !== expected) throw new Error(`keepOnDisk: got ${bytes} of ${expected} bytes`);
      if (bytes === 0) throw new Error('keepOnDisk: the video is empty');
      await rename(partial, join(dir, name));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return `${prefix}/${name}`;
  };

  const serve = async (request: Request): Promise<Response> => {
    const pathname = new URL(request.url).pathname;
    const name = pathname.startsWith(`${servedPath}/`) ? safeDecode(pathname.slice(servedPath.length + 1)) : undefined;
    if (name === undefined || !FILE_NAME.test(name)) return new Response('Not found', { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return new Response('Not found', { status: 404 });
    const size = info.size;
    const etag = `"${size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers = new Headers({
      'content-type': CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag,
      'last-modified': info.mtime.toUTCString(),
      // A name is a video's UUID: its bytes never change.
      'cache-control': 'public, max-age=31536000, immutable',
    });
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    const range = parseRange(request.headers.get('range'), size);
    if (range === 'unsatisfiable') {
      headers.set('content-range', `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    headers.set('content-length', String(end - start + 1));
    if (range) headers.set('content-range', `bytes ${start}-${end}/${size}`);
    const body = request.method === 'HEAD' || size === 0 ? null : (Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>);
    return new Response(body, { status: range ? 206 : 200, headers });
  };

  return Object.assign(keep, { serve, dir });
}

/** One `bytes=` range (the form `<video>` sends); several ranges or a malformed header read as the whole file. */
function parseRange(header: string | null, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header === null ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
