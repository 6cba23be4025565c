import type { GenerationInput } from '../../spec/generation-input.js';
import type { Logger } from '../logger.js';
import type { RedisMessageListener, RedisSubscriberLike } from './redis-client-like.js';
import { decodeMessage } from './redis-record-codec.js';
import { withTimeout } from './redis-timeout.js';
import type { TaskListener } from './task-store.js';

export interface RedisSubscriptionsOptions {
  /** Makes the subscriber connection, on the first subscribe. */
  readonly createSubscriber: () => RedisSubscriberLike;
  readonly channelFor: (id: string) => string;
  /** The task's stored input, undefined when the task is gone. */
  readonly loadInput: (id: string) => Promise<GenerationInput | undefined>;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export interface RedisSubscriptions {
  subscribe(id: string, listener: TaskListener): Promise<() => void>;
  close(): Promise<void>;
}

interface Channel {
  readonly id: string;
  readonly name: string;
  readonly listeners: Set<TaskListener>;
  readonly handler: RedisMessageListener;
  /** Settles when SUBSCRIBE is confirmed: from then on every publish reaches `handler`. */
  ready: Promise<void>;
  /** Deliveries run one after another, so listeners see versions in publish order. */
  chain: Promise<void>;
  /** The task's input, sent once: update messages carry only the rest of the record. */
  input?: GenerationInput;
}

/**
 * One dedicated subscriber connection (a connection in SUBSCRIBE mode can do nothing else) and
 * one channel per watched task, so an instance receives only the tasks its clients stream.
 * Pub/sub is fire-and-forget: what is published while the connection is down is lost, which
 * SSE survives because a reconnecting client reads the current record after subscribing.
 */
export function createRedisSubscriptions(options: RedisSubscriptionsOptions): RedisSubscriptions {
  const { logger, timeoutMs } = options;
  const channels = new Map<string, Channel>();
  let subscriber: RedisSubscriberLike | undefined;
  let closed = false;

  const connection = (): RedisSubscriberLike => {
    if (subscriber) return subscriber;
    const made = options.createSubscriber();
    made.on('error', (error) => logger.warn('seedance: Redis subscriber connection error', error));
    if (!made.isOpen) made.connect().catch((error: unknown) => logger.warn('seedance: Redis subscriber could not connect', error));
    subscriber = made;
    return made;
  };

  const deliver = async (channel: Channel, message: string, targets: readonly TaskListener[]) => {
    const { meta, input } = decodeMessage(message);
    if (input !== undefined) channel.input = input;
    if (channel.input === undefined) {
      const input = await options.loadInput(channel.id);
      if (input === undefined) return; // expired in the meantime: nothing left to show
      channel.input = input;
    }
    const record = { ...meta, input: channel.input };
    for (const listener of targets) {
      if (!channel.listeners.has(listener)) continue;
      try {
        listener(record);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  };

  const drop = (channel: Channel, listener: TaskListener) => {
    channel.listeners.delete(listener);
    if (channel.listeners.size > 0 || channels.get(channel.id) !== channel) return;
    channels.delete(channel.id);
    if (closed || !subscriber) return;
    subscriber.unsubscribe(channel.name, channel.handler).catch((error: unknown) => logger.warn(`seedance: Redis UNSUBSCRIBE ${channel.name} failed`, error));
  };

  return {
    async subscribe(id, listener) {
      if (closed) throw new Error('The Redis task store is closed');
      let channel = channels.get(id);
      if (!channel) {
        const name = options.channelFor(id);
        const fresh: Channel = {
          id,
          name,
          listeners: new Set(),
          handler: (message) => {
            if (channels.get(id) !== fresh) return;
            // Only those subscribed when the message arrived get it.
            const targets = [...fresh.listeners];
            fresh.chain = fresh.chain
              .then(() => deliver(fresh, message, targets))
              .catch((error: unknown) => logger.warn(`seedance: could not deliver an update of task ${id}`, error));
          },
          ready: Promise.resolve(),
          chain: Promise.resolve(),
        };
        fresh.ready = withTimeout(connection().subscribe(name, fresh.handler), timeoutMs, `Redis SUBSCRIBE ${name}`);
        fresh.chain = fresh.ready.catch(() => undefined);
        channels.set(id, fresh);
        channel = fresh;
      }
      channel.listeners.add(listener);
      try {
        await channel.ready;
      } catch (error) {
        drop(channel, listener);
        throw error;
      }
      const subscribed = channel;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        drop(subscribed, listener);
      };
    },

    async close() {
      closed = true;
      channels.clear();
      const made = subscriber;
      subscriber = undefined;
      if (made) await closeClient(made, timeoutMs);
    },
  };
}

/** Closes gracefully, or at once when that fails or takes too long (Redis unreachable). */
export async function closeClient(client: { readonly isOpen: boolean; close(): Promise<void>; destroy(): void }, timeoutMs: number): Promise<void> {
  if (!client.isOpen) return;
  try {
    await withTimeout(client.close(), timeoutMs, 'Redis close');
  } catch {
    try {
      client.destroy();
    } catch {
      // Already closed.
    }
  }
}
