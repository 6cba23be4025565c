import type { Logger } from './logger.js';
import { createRunwareProvider } from './providers/runware-provider.js';
import type { ProviderContext, VideoProvider, VideoProviderFactory } from './providers/video-provider.js';

/** The development and test package with the simulator; never a dependency of this one. */
export const LOCAL_RUNWARE_PACKAGE = '@seedance-kit/local-runware';

/** What the local Runware package exports for the handler to find it. */
interface LocalRunwareModule {
  readonly localRunwareProvider: () => VideoProviderFactory;
}

export interface ProviderChoice {
  readonly provider?: VideoProvider | VideoProviderFactory;
  readonly apiKey?: string;
  readonly baseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly production: boolean;
}

/** Why there is no provider: said once in the log, and in every 503 answer. */
export type ProviderResolution = { readonly provider: VideoProvider } | { readonly missing: string };

/**
 * The provider a handler runs on: the one passed in, else Runware with the key, else (outside
 * production only) the local Runware when its package is installed. Production without a key
 * gets none: a deploy that forgot the key must fail loudly, never serve simulated videos.
 */
export async function resolveProvider(choice: ProviderChoice, context: ProviderContext): Promise<ProviderResolution> {
  if (typeof choice.provider === 'function') return { provider: choice.provider(context) };
  if (choice.provider) return { provider: choice.provider };
  if (choice.apiKey !== undefined) {
    return {
      provider: createRunwareProvider({
        ...context.settings,
        logger: context.logger,
        apiKey: choice.apiKey,
        ...(choice.baseUrl !== undefined && { baseUrl: choice.baseUrl }),
        ...(choice.fetch !== undefined && { fetch: choice.fetch }),
      }),
    };
  }
  if (choice.production) {
    return { missing: 'RUNWARE_API_KEY is not set, and the local Runware simulator is never used in production unless passed as `provider`.' };
  }
  const local = await importLocalRunware();
  if (!local) {
    return { missing: `RUNWARE_API_KEY is not set. Set it, or install ${LOCAL_RUNWARE_PACKAGE} as a dev dependency to simulate videos in development.` };
  }
  return { provider: local.localRunwareProvider()(context) };
}

async function importLocalRunware(): Promise<LocalRunwareModule | undefined> {
  // A name bundlers cannot see: the simulator (and its ffmpeg) must never be traced into a
  // production build; in development Node finds it in node_modules at run time.
  const name: string = LOCAL_RUNWARE_PACKAGE;
  try {
    return (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ name)) as LocalRunwareModule;
  } catch (error) {
    if (isModuleNotFound(error)) return undefined;
    throw error;
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || (error instanceof Error && /Cannot find (module|package)|Failed to (resolve|load)/i.test(error.message));
}

/** Logs once how the handler makes its videos, so nobody mistakes simulated ones for real. */
export function announceProvider(resolution: ProviderResolution, logger: Logger): void {
  if ('missing' in resolution) logger.error(`seedance: video generation is not configured: ${resolution.missing} Every request is answered 503 provider_not_configured.`);
  else if (resolution.provider.name === 'local') logger.warn('seedance: videos are simulated by the local Runware (no RUNWARE_API_KEY): for development and tests only.');
}
