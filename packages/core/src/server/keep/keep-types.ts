import type { GenerationInput } from '../../spec/generation-input.js';

/** One finished video, as `keepResult` receives it. */
export interface FinishedVideo {
  /** The task id (also Runware's `taskUUID`). */
  readonly taskUUID: string;
  /** Unique per video: a good file name or database key (calls after a crash repeat it). */
  readonly videoUUID: string;
  /** The provider's URL of the file; it stops working after `expiresAt` (or Runware's own limit). */
  readonly videoURL: string;
  /** Position among the task's results, 0-based, in arrival order. */
  readonly index: number;
  readonly seed?: string;
  /** What the provider charged for this video, USD, when it said. */
  readonly cost?: number;
  readonly NSFWContent?: boolean;
  /** When `videoURL` stops working, ISO 8601, when `resultTtlSeconds` set it. */
  readonly expiresAt?: string;
  /** The file's extension from the requested output format: `mp4`, `webm` or `mov`. */
  readonly extension: 'mp4' | 'webm' | 'mov';
  readonly contentType: string;
  /** The validated input the task ran with (the seed drawn, the frame image as sent). */
  readonly input: GenerationInput;
  /** `user:<id>` with `identify`, else `anonymous`. */
  readonly owner: string;
  /** 1 on the first call; more after a failed attempt or a crashed instance. */
  readonly attempt: number;
  /** Aborted when this attempt timed out or the handler is closing: stop and throw. */
  readonly signal: AbortSignal;
  /**
   * Fetches the video: a 2xx Response whose body streams the bytes (`content-type` and, when
   * known, `content-length` set). Goes through the provider's own file route when the local
   * Runware is embedded. Throws when the file cannot be fetched.
   */
  fetchVideo(): Promise<Response>;
}

/**
 * Copies a finished video to the app's storage. Return the URL it is served from (snapshots
 * serve it from then on, on every instance), or nothing to keep serving the provider's URL.
 * Throwing is retried (`attempts`); after the last attempt the provider's URL stays.
 */
export type KeepResultHook = (video: FinishedVideo) => Promise<string | URL | undefined | void> | string | URL | undefined | void;

export interface KeepResultOptions {
  readonly keep: KeepResultHook;
  /** Calls per video before giving up, when it throws. Default 3. */
  readonly attempts?: number;
  /** Wait before the second attempt, doubled for each later one. Default 2 s. */
  readonly retryDelayMs?: number;
  /**
   * The longest one attempt may take: its `signal` aborts then. Also how long an instance's
   * claim on a video lasts: a claim held longer (the instance crashed) is taken over by the
   * next instance that reads the task. Default 10 minutes.
   */
  readonly timeoutMs?: number;
}

/** Where Runware PUTs the finished file (Runware's `uploadEndpoint`). */
export interface UploadTarget {
  /** A presigned PUT URL, e.g. an S3 or GCS signed URL; never stored, never sent to the browser. */
  readonly putUrl: string;
  /**
   * Where the file can be read once uploaded. Snapshots serve it instead of the provider's URL
   * when the task has one result (Runware PUTs every result of a task to the one URL).
   */
  readonly publicUrl?: string;
}

/** Decides a task's upload target before it is submitted; nothing means no upload for that task. */
export type UploadEndpointHook = (task: {
  readonly taskUUID: string;
  readonly input: GenerationInput;
  readonly owner: string;
}) => Promise<UploadTarget | string | undefined> | UploadTarget | string | undefined;

/** What the store remembers about keeping one video (`TaskRecord.kept[videoUUID]`). */
export type KeptVideo =
  /** An instance claimed it and is calling `keepResult`; `claim` '' = let go (closing), free to take. */
  | { readonly state: 'keeping'; readonly claim: string; readonly since: number; readonly attempts: number }
  /** Kept; `url`, when given, is what snapshots serve. */
  | { readonly state: 'kept'; readonly url?: string; readonly at: number; readonly attempts: number }
  /** Every attempt threw: the provider's URL stays. */
  | { readonly state: 'failed'; readonly error: string; readonly at: number; readonly attempts: number };
