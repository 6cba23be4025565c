import { rm } from 'node:fs/promises';
import { fileSliceStream } from './file-slice-stream.js';

interface StoredFile {
  readonly path: string;
  readonly size: number;
  readonly contentType: string;
  readonly createdAt: number;
  /** Clock time from which the URL answers 410; undefined = never. */
  readonly expiresAt?: number;
  removed: boolean;
}

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-length, content-range, accept-ranges' };

/**
 * The finished videos by file name, served like a CDN would: whole or by byte range, 404 for a
 * name it never made, 410 once a file's time to live ran out (the file is then deleted).
 */
export class FileStore {
  readonly #files = new Map<string, StoredFile>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  add(name: string, file: { path: string; size: number; contentType: string; expiresAt?: number }): void {
    this.#files.set(name, { ...file, createdAt: this.#now(), removed: false });
  }

  /** Deletes files whose time ran out; called on every request and by expiry timers. */
  async sweep(): Promise<void> {
    const now = this.#now();
    for (const file of this.#files.values()) {
      if (!file.removed && file.expiresAt !== undefined && now >= file.expiresAt) {
        file.removed = true;
        await rm(file.path, { force: true });
      }
    }
  }

  async serve(request: Request, name: string): Promise<Response> {
    await this.sweep();
    const file = this.#files.get(name);
    if (!file) return text(404, 'Not found');
    if (file.removed) return text(410, 'This file has expired');
    const headers: Record<string, string> = {
      ...CORS,
      'content-type': file.contentType,
      'accept-ranges': 'bytes',
      'cache-control': 'public, max-age=3600',
      etag: `"${name}-${file.size}"`,
      'last-modified': new Date(file.createdAt).toUTCString(),
    };
    const head = request.method === 'HEAD';
    const range = parseRange(request.headers.get('range'), file.size);
    if (range === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${file.size}` } });
    }
    const [start, end] = range ?? [0, file.size - 1];
    const length = Math.max(0, end - start + 1);
    headers['content-length'] = String(length);
    if (range) headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
    const status = range ? 206 : 200;
    if (head || length === 0) return new Response(null, { status, headers });
    // Streamed as the client reads, so slow or stalled clients do not each hold the file in memory.
    return new Response(await fileSliceStream(file.path, start, length), { status, headers });
  }

  /** Forgets every file, leaving the disk to the owner of the directory. */
  clear(): void {
    this.#files.clear();
  }
}

/**
 * One `bytes=` range as inclusive [start, end], undefined to serve the whole file (no header,
 * another unit, or several ranges, which a server may answer in full), or 'unsatisfiable'.
 */
export function parseRange(header: string | null, size: number): [number, number] | undefined | 'unsatisfiable' {
  if (!header) return undefined;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(from);
  // A last position before the first makes the header invalid, which means: ignore it.
  if (to !== '' && Number(to) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return [start, to === '' ? size - 1 : Math.min(Number(to), size - 1)];
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...CORS, 'content-type': 'text/plain; charset=utf-8' } });
}
