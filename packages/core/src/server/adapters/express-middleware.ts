import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { SeedanceHandler } from '../create-seedance-handler.js';
import type { SeedanceHandlerOptions } from '../handler-options.js';
import { makeAdapterHandler, type WebHandler } from './make-adapter-handler.js';
import { respond, toWebRequest } from './node-http.js';

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
  const { serve, built } = makeAdapterHandler(handlerOrOptions, (req: ExpressRequest, res: ExpressResponse) => {
    const trustProxy = options.trustProxy ?? Boolean(req.app?.get('trust proxy'));
    // A body parser that ran before us has read the stream to its end.
    const consumed = req.readableEnded || (req as { _body?: boolean })._body === true;
    return toWebRequest(req, res, {
      trustProxy,
      url: req.originalUrl,
      ...(consumed && { parsedBody: (req.body as unknown) ?? null }),
    });
  });
  const middleware = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) =>
    void respond(res, serve(req, res), (error) => {
      if (!res.headersSent) next(error);
      else res.destroy();
    });
  return built ? Object.assign(middleware, { handler: built }) : middleware;
}
