import { createSeedanceHandler, createSeedanceRequestListener, keepOnDisk, type SeedanceHandlerOptions } from '@seedance-kit/core/node';

export interface KeepOnDiskAppOptions {
  /** Where the videos are kept. */
  readonly dir: string;
  /** The rest of the handler's options (store, provider, key, …). */
  readonly handler?: SeedanceHandlerOptions;
}

/** The URL path the kept videos are served under. */
export const VIDEOS_PATH = '/videos';

/**
 * A Node server's request listener: the kit's route at `/api/seedance`, keeping every finished
 * video in `dir` and serving it at `/videos/<videoUUID>.<ext>`, so links outlive Runware's.
 */
export function createKeepOnDiskApp(options: KeepOnDiskAppOptions) {
  const kept = keepOnDisk({ dir: options.dir, publicPath: VIDEOS_PATH });
  const handler = createSeedanceHandler({ ...options.handler, keepResult: kept });
  const listener = createSeedanceRequestListener((request) =>
    new URL(request.url).pathname.startsWith(`${VIDEOS_PATH}/`) ? kept.serve(request) : handler(request),
  );
  return { handler, kept, listener };
}
