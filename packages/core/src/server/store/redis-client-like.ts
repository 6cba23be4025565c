/** A pub/sub listener as node-redis calls it: the message text and its channel. */
export type RedisMessageListener = (message: string, channel: string) => unknown;

/**
 * The parts of a node-redis v5 client (`createClient()` from `redis`) the Redis task store uses.
 * Structural, so a client with any modules, scripts or RESP version fits; replies must keep the
 * default type mapping (strings, numbers, arrays).
 */
export interface RedisClientLike {
  /** True from `connect()` on, until closed. */
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  sendCommand(args: ReadonlyArray<string>, options?: { readonly timeout?: number }): Promise<unknown>;
  /** A new client with the same options: the store's subscriber connection. */
  duplicate(): RedisSubscriberLike;
  /** Waits for pending commands, then closes. */
  close(): Promise<void>;
  /** Closes at once, failing pending commands. */
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The subscriber connection: a duplicate of the main client, used for SUBSCRIBE only. */
export interface RedisSubscriberLike {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: RedisMessageListener): Promise<void>;
  unsubscribe(channel: string, listener: RedisMessageListener): Promise<void>;
  close(): Promise<void>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
