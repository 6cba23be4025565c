import type { LocalRunwareOptions } from './local-runware-types.js';
import type { FrameImageFetch } from './resolve-output-size.js';

const DEFAULT_IMAGE_FETCH_TIMEOUT_MS = 10_000;

/** How the simulator fetches frame image URLs, from its options. */
export function frameImageFetch(options: LocalRunwareOptions, fetcher: typeof fetch): FrameImageFetch {
  return {
    fetch: fetcher,
    allowPrivateHosts: options.allowPrivateImageHosts === true,
    timeoutMs: options.imageFetchTimeoutMs ?? DEFAULT_IMAGE_FETCH_TIMEOUT_MS,
  };
}
