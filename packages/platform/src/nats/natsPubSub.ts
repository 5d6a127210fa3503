import type { NatsConnection } from "nats";
import type { PubSub } from "type-graphql";

export interface NatsPubSubOptions {
  /** One subject token prepended to every subject (`<prefix>.live.<routingKey>[.<id>]`); tests use a random one. */
  prefix?: string;
}

/**
 * The first token of every live subject. Events travel on `<producer>.>`, which the EVENTS stream stores;
 * a live hint (a chat line, an order offered to coaches) must never land there, so it lives under its own
 * root, which no producer is named after.
 */
export const LIVE_SUBJECT_ROOT = "live";

const TOKEN = /^[A-Za-z0-9_-]+$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * type-graphql's `PubSub` over NATS core publish/subscribe, so a subscriber connected to any instance
 * gets what any instance publishes. `publish(key, payload)` or `publish(key, id, payload)` sends JSON on
 * `[<prefix>.]live.<key>[.<id>]` (outside every events subject, so JetStream stores none of it);
 * `subscribe(key, id?)` yields the decoded payloads. At most once, like NATS
 * core: a live hint, never the record (the feed query is).
 */
export class NatsPubSub implements PubSub {
  readonly #nats: NatsConnection;
  readonly #prefix: string | undefined;

  constructor(nats: NatsConnection, options: NatsPubSubOptions = {}) {
    if (options.prefix !== undefined && !TOKEN.test(options.prefix)) {
      throw new Error(`NatsPubSub prefix "${options.prefix}" must be one subject token.`);
    }
    this.#nats = nats;
    this.#prefix = options.prefix || undefined;
  }

  /** The subject a routing key and optional id travel on. */
  subject(routingKey: string, dynamicId?: unknown): string {
    const id = dynamicId === undefined ? undefined : String(dynamicId);
    const parts = [this.#prefix, LIVE_SUBJECT_ROOT, routingKey, id];
    if (id !== undefined && !TOKEN.test(id)) {
      throw new Error(`NatsPubSub id "${id}" must be one subject token (letters, digits, "_" or "-").`);
    }
    return parts.filter((part): part is string => part !== undefined).join(".");
  }

  publish(routingKey: string, ...args: unknown[]): void {
    const [dynamicId, payload] = args.length >= 2 ? args : [undefined, args[0]];
    this.#nats.publish(this.subject(routingKey, dynamicId), encoder.encode(JSON.stringify(payload ?? null)));
  }

  subscribe(routingKey: string, dynamicId?: unknown): AsyncIterableIterator<unknown> {
    // Subscribed now, not on the first `next()`: messages arriving in between wait in the subscription.
    const subscription = this.#nats.subscribe(this.subject(routingKey, dynamicId));
    const messages = subscription[Symbol.asyncIterator]();
    const done = (): IteratorResult<unknown> => ({ done: true, value: undefined });
    const iterator: AsyncIterableIterator<unknown> = {
      next: async () => {
        for (;;) {
          const result = await messages.next();
          if (result.done) return done();
          try {
            return { done: false, value: JSON.parse(decoder.decode(result.value.data)) };
          } catch {
            // Not ours (not JSON): skip it rather than end the subscriber's stream.
          }
        }
      },
      return: async () => {
        subscription.unsubscribe();
        return done();
      },
      throw: async (error) => {
        subscription.unsubscribe();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Resolves once the server has seen every publish and subscribe so far (tests wait on it). */
  flush(): Promise<void> {
    return this.#nats.flush();
  }
}
