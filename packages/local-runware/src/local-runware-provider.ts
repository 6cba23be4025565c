import { randomBytes } from 'node:crypto';
import { createRunwareProvider, type ProviderContext, type VideoProviderFactory } from '@seedance-kit/core/server';
import { createLocalRunware } from './create-local-runware.js';
import type { LocalRunware, LocalRunwareOptions } from './local-runware-types.js';

/** The made-up origin the embedded simulator is reached at: never resolved, never on the network. */
const LOCAL_RUNWARE_ORIGIN = 'http://local-runware.invalid';
/** The made-up origin of webhook URLs the embedded simulator calls back in-process. */
const IN_PROCESS_ORIGIN = 'http://seedance-handler.invalid';
const FILE_PREFIX = `${LOCAL_RUNWARE_ORIGIN}/files/`;

/** The file name in a video URL the embedded simulator made, or undefined for any other URL. */
function localFileName(videoURL: string): string | undefined {
  if (!videoURL.startsWith(FILE_PREFIX)) return undefined;
  const rest = videoURL.slice(FILE_PREFIX.length);
  try {
    const name = decodeURIComponent(rest);
    return name === '' || name.includes('/') ? undefined : name;
  } catch {
    return undefined;
  }
}

/** `localRunwareProvider()`: a provider factory for `createSeedanceHandler({ provider })`, with its simulator. */
export interface LocalRunwareProvider extends VideoProviderFactory {
  /** The simulator behind it: its stats, faults and `close()`. */
  readonly localRunware: LocalRunware;
}

/** Headers a file request may carry through to the simulator (ranges and revalidation). */
const FILE_HEADERS = ['range', 'if-range', 'if-none-match', 'if-modified-since'];

function isLocalRunware(value: unknown): value is LocalRunware {
  return typeof (value as LocalRunware | undefined)?.fetch === 'function' && typeof (value as LocalRunware).listen === 'function';
}

/**
 * The local Runware as the handler's provider, in the handler's process: the real Runware
 * provider talks to it through its `fetch` (no port), its webhooks call the handler in-process,
 * and the handler serves its files. Development and tests only: pass it as `provider`, or
 * install this package and leave `RUNWARE_API_KEY` unset outside production.
 */
export function localRunwareProvider(given?: LocalRunware | LocalRunwareOptions): LocalRunwareProvider {
  const owned = !isLocalRunware(given);
  // A fresh key per process: the simulator insists on it, so only this provider can call it.
  const apiKey = owned ? randomBytes(24).toString('base64url') : 'local';
  // Bound when a handler takes the provider: webhooks aimed at the handler stay in-process.
  let deliver: ProviderContext['deliver'] | undefined;
  const localRunware = isLocalRunware(given)
    ? given
    : createLocalRunware({
        ...given,
        apiKey,
        fileUrl: (name: string) => FILE_PREFIX + encodeURIComponent(name),
        fetch: (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          if (request.url.startsWith(`${IN_PROCESS_ORIGIN}/`)) {
            return deliver ? deliver(request) : Promise.resolve(new Response(null, { status: 503 }));
          }
          // Anything else (frame image URLs) goes out.
          return (given?.fetch ?? globalThis.fetch)(request);
        },
      });
  const factory = (context: ProviderContext) => {
    deliver = context.deliver;
    return {
      ...createRunwareProvider({
        ...context.settings,
        logger: context.logger,
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
        // Only a simulator made here is the handler's to close.
        ...(owned && { close: () => localRunware.close() }),
      }),
      fileName: localFileName,
      inProcessOrigin: IN_PROCESS_ORIGIN,
    };
  };
  return Object.assign(factory, { localRunware });
}
