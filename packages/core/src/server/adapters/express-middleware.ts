import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { createSeedanceHandler, type SeedanceHandler } from '../create-seedance-handler.js';
import type { SeedanceHandlerOptions } from '../handler-options.js';
import { sendWebResponse, toWebRequest, type WebHandler } from './node-http.js';

export interface SeedanceExpressOptions {
  /** Believe `X-Forwarded-*` (set when Express's `trust proxy` is on). Default: Express's own setting. */
  readonly trustProxy?: boolean;
}

export type SeedanceMiddleware = ((req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void) & {
  /** The handler behind it, when the middleware built it from options. */
  readonly handler?: SeedanceHandler;
};

/**
 * Express middleware serving the handler: `app.use('/api/seedance', createSeedanceMiddleware())`.
 * The full URL (`originalUrl`) goes to the handler, so set `basePath` to the mount path if it is
 * not `/api/seedance`. Responses stream (SSE flushed per event, cancelled when the client goes).
 * Mount it before `express.json()`, or its parsed body is sent on as JSON.
 */
export function createSeedanceMiddleware(
  handlerOrOptions: WebHandler | SeedanceHandlerOptions = {},
  options: SeedanceExpressOptions = {},
): SeedanceMiddleware {
  const handler = typeof handlerOrOptions === 'function' ? handlerOrOptions : createSeedanceHandler(handlerOrOptions);
  const middleware = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    void (async () => {
      try {
        const trustProxy = options.trustProxy ?? Boolean(req.app?.get('trust proxy'));
        // A body parser that ran before us has read the stream to its end.
        const consumed = req.readableEnded || (req as { _body?: boolean })._body === true;
        const request = toWebRequest(req, res, {
          trustProxy,
          url: req.originalUrl,
          ...(consumed && { parsedBody: (req.body as unknown) ?? null }),
        });
        await sendWebResponse(res, await handler(request));
      } catch (error) {
        if (!res.headersSent) next(error);
        else res.destroy();
      }
    })();
  };
  return typeof handlerOrOptions === 'function' ? middleware : Object.assign(middleware, { handler: handler as SeedanceHandler });
}
