import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isBlockedHostName, isPrivateAddress } from './private-address.js';

/** All addresses a name resolves to (node:dns `lookup` with `all: true`). */
export type LookupAll = (hostname: string) => Promise<readonly { readonly address: string }[]>;

export interface FetchFrameImageOptions {
  readonly fetch: typeof fetch;
  /** Largest body read; the download stops there. */
  readonly maxBytes: number;
  /** For the whole download, redirects included. */
  readonly timeoutMs: number;
  /** Allow loopback, private, link-local and metadata addresses (tests and demos serving images from 127.0.0.1). */
  readonly allowPrivateHosts?: boolean;
  readonly signal?: AbortSignal;
  readonly lookup?: LookupAll;
}

export type FrameImageDownload = { readonly ok: true; readonly bytes: Uint8Array; readonly contentType?: string } | { readonly ok: false };

export const MAX_REDIRECTS = 5;

const defaultLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Downloads a frame image URL given by whoever submits a task, without letting that URL reach
 * inside the network (SSRF): http(s) only; every hop's host must resolve only to public
 * addresses (redirects are followed by hand, at most 5, each checked); at most `maxBytes` is
 * read; one deadline covers it all. Every failure is the same `{ ok: false }`, so the answer
 * never tells an open port from a closed one. The check resolves the name before `fetch`
 * resolves it again: a name that answers differently a moment later can slip through, so a
 * host exposed to strangers should also block these ranges at the network.
 */
export async function fetchFrameImage(url: string, options: FetchFrameImageOptions): Promise<FrameImageDownload> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const lookup = options.lookup ?? defaultLookup;
  try {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      if (!(await allowed(current, options.allowPrivateHosts === true, lookup, signal))) return { ok: false };
      const response = await options.fetch(current, { signal, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) return { ok: false };
        current = new URL(location, current);
        continue;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false };
      }
      const bytes = await readAtMost(response, options.maxBytes, signal);
      if (!bytes) return { ok: false };
      const contentType = response.headers.get('content-type') ?? undefined;
      return { ok: true, bytes, ...(contentType !== undefined && { contentType }) };
    }
  } catch {
    return { ok: false };
  }
}

async function allowed(url: URL, allowPrivate: boolean, lookup: LookupAll, signal: AbortSignal): Promise<boolean> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  if (allowPrivate) return true;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return !isPrivateAddress(host);
  if (isBlockedHostName(host)) return false;
  const addresses = await raceAbort(lookup(host), signal);
  // Every address must be public: fetch may connect to any of them.
  return addresses.length > 0 && addresses.every((a) => !isPrivateAddress(a.address));
}

/** The body, or undefined once it passes `maxBytes` (then the download is cancelled). */
async function readAtMost(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await raceAbort(reader.read(), signal);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) return undefined;
      chunks.push(value);
    }
  } finally {
    // Stops the download: a 400 MB answer costs 10 MB, not 400.
    if (size > maxBytes || signal.aborted) reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** `promise`, or a rejection as soon as `signal` aborts (a DNS lookup or a stalled read cannot be cancelled). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
