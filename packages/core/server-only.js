// What a bundler gets for a server entry of @seedance-kit/core (/server, /next, /express, /hono,
// /node, /redis) when it builds for the browser (the `browser` export condition). The import
// below cannot resolve, so the build (or a browser loading the file) stops with this sentence.
// No top-level throw: bundlers would drop the exports after it and report a missing name instead.
import 'seedance-kit: @seedance-kit/core server entries hold the Runware API key and belong on the server. Mount the backend route there and call it from the browser with @seedance-kit/core (createSeedanceClient) or @seedance-kit/react';

// Every name the real entries export, so a bundler reports the import above rather than a
// missing name (test/packaging checks the list against the entries).
const refused = undefined;
export {
  refused as DEFAULT_BASE_PATH,
  refused as DEFAULT_MAX_BODY_BYTES,
  refused as DEFAULT_POLLING,
  refused as DEFAULT_RATE_LIMIT,
  refused as HEADERS,
  refused as IDEMPOTENCY_KEY_PATTERN,
  refused as LAST_EVENT_ID_QUERY_PARAM,
  refused as POLICY_CAPS,
  refused as PROBLEM_CODES,
  refused as PROBLEM_CONTENT_TYPE,
  refused as PROBLEM_TYPE_PREFIX,
  refused as ROUTES,
  refused as RUNWARE_API_URL,
  refused as SSE_EVENTS,
  refused as TOKEN_QUERY_PARAM,
  refused as TaskStoreUnavailableError,
  refused as consoleLogger,
  refused as createMemoryTaskStore,
  refused as createRedisTaskStore,
  refused as createRouteHandlers,
  refused as createRunwareProvider,
  refused as createSeedanceHandler,
  refused as createSeedanceHono,
  refused as createSeedanceMiddleware,
  refused as createSeedanceRequestListener,
  refused as effectiveLimits,
  refused as keepOnDisk,
  refused as pollDelay,
  refused as resolvePolicy,
  refused as retryDelay,
  refused as seedanceHonoHandler,
  refused as sendWebResponse,
  refused as systemClock,
  refused as toWebRequest,
};
