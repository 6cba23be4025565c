import { randomBytes } from 'node:crypto';
import { createLocalRunware } from '../local-runware/create-local-runware.js';
import type { LocalRunware, LocalRunwareOptions } from '../local-runware/local-runware-types.js';
import { createRunwareProvider, type RunwareProviderOptions } from './runware-provider.js';
import type { VideoProvider } from './video-provider.js';

/** The made-up origin the embedded simulator is reached at: never resolved, never on the network. */
export const LOCAL_RUNWARE_ORIGIN = 'http://local-runware.invalid';
/** The made-up origin of webhook URLs the embedded simulator calls back in-process. */
export const INTERNAL_ORIGIN = 'http://seedance-handler.invalid';
const FILE_PREFIX = `${LOCAL_RUNWARE_ORIGIN}/files/`;

/** The file name in a video URL the embedded simulator made, or undefined for any other URL. */
export function localFileName(videoURL: string): string | undefined {
  if (!videoURL.startsWith(FILE_PREFIX)) return undefined;
  const rest = videoURL.slice(FILE_PREFIX.length);
  try {
    const name = decodeURIComponent(rest);
    return name === '' || name.includes('/') ? undefined : name;
  } catch {
    return undefined;
  }
}

export interface EmbeddedLocalRunware {
  readonly provider: VideoProvider;
  readonly localRunware: LocalRunware;
}

/** Headers a file request may carry through to the simulator (ranges and revalidation). */
const FILE_HEADERS = ['range', 'if-range', 'if-none-match', 'if-modified-since'];

/**
 * The default without an API key: a local Runware in this process, reached through the same
 * Runware provider via its `fetch` (no port). Its webhook calls go to `deliver` (the handler).
 */
export function createEmbeddedLocalRunware(
  given: LocalRunware | LocalRunwareOptions | undefined,
  deliver: (request: Request) => Promise<Response>,
  providerOptions: Omit<RunwareProviderOptions, 'apiKey' | 'baseUrl' | 'fetch' | 'name' | 'serveFile' | 'close'> = {},
): EmbeddedLocalRunware {
  const isInstance = (value: unknown): value is LocalRunware => typeof (value as LocalRunware | undefined)?.fetch === 'function' && typeof (value as LocalRunware).listen === 'function';
  // A fresh key per process: the simulator insists on it, so only this provider can call it.
  const apiKey = isInstance(given) ? 'local' : randomBytes(24).toString('base64url');
  const localRunware = isInstance(given)
    ? given
    : createLocalRunware({
        ...given,
        apiKey,
        fileUrl: (name: string) => FILE_PREFIX + encodeURIComponent(name),
        fetch: (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          // Webhooks aimed at the handler stay in-process; anything else (frame image URLs) goes out.
          return request.url.startsWith(`${INTERNAL_ORIGIN}/`) ? deliver(request) : (given?.fetch ?? globalThis.fetch)(request);
        },
      });
  const provider = createRunwareProvider({
    ...providerOptions,
    apiKey,
    name: 'local',
    baseUrl: `${LOCAL_RUNWARE_ORIGIN}/v1`,
    fetch: (input, init) => localRunware.fetch(new Request(input, init)),
    serveFile: (name, request) => {
      const headers = new Headers();
      for (const header of FILE_HEADERS) {
        const value = request.headers.get(header);
        if (value !== null) headers.set(header, value);
      }
      const method = request.method === 'HEAD' ? 'HEAD' : 'GET';
      return localRunware.fetch(new Request(`${LOCAL_RUNWARE_ORIGIN}/files/${encodeURIComponent(name)}`, { method, headers }));
    },
    // Only a simulator the handler made is the handler's to close.
    ...(!isInstance(given) && { close: () => localRunware.close() }),
  });
  return { provider, localRunware };
}
