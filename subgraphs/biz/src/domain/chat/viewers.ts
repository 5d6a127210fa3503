import { randomUUID } from "node:crypto";
import type { Redis } from "@health/platform/redis";
import type { PubSub } from "type-graphql";
import { announceChatEvent } from "./chatEvents.ts";

export interface ChatViewersOptions {
  /** How often this process renews its viewers' presence and tells rooms their count. */
  heartbeatMs: number;
  /** Told when Redis failed (presence is then not counted; the chat itself goes on). */
  onRedisDown: (error: unknown) => void;
}

/** A viewer's presence: gone from the count on `leave`, or once unrenewed for three heartbeats. */
export interface ChatPresence {
  leave(): Promise<void>;
}

const viewersKey = (streamId: string) => `chat:viewers:${streamId}`;

/**
 * Who watches each room, across instances: a Redis sorted set per room of `liveChat` subscriptions,
 * each scored with when its presence expires. This process renews its own every heartbeat, so a crashed
 * instance's viewers fall out of the count within three heartbeats. Each heartbeat also tells each room
 * with viewers here its count when it changed (a VIEWERS event), so the figure costs one message per room
 * and heartbeat rather than one per join and leave. With Redis down the count is unknown (null), joins
 * and leaves are not recorded, and nothing else of the chat is affected. The timer runs only while this
 * process has viewers (idle costs nothing).
 */
export class ChatViewers {
  readonly #local = new Map<string, Set<string>>();
  readonly #told = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly pubSub: PubSub,
    private readonly options: ChatViewersOptions,
  ) {}

  get #ttlMs() {
    return this.options.heartbeatMs * 3;
  }

  async join(streamId: string): Promise<ChatPresence> {
    const id = randomUUID();
    const room = this.#local.get(streamId) ?? new Set<string>();
    room.add(id);
    this.#local.set(streamId, room);
    this.#timer ??= setInterval(() => void this.heartbeat(), this.options.heartbeatMs).unref();
    await this.#renew(streamId, [id]).catch(this.options.onRedisDown);
    let left = false;
    return {
      leave: async () => {
        if (left) return;
        left = true;
        room.delete(id);
        if (room.size === 0) {
          this.#local.delete(streamId);
          this.#told.delete(streamId);
        }
        if (this.#local.size === 0) this.stop();
        await this.redis.zrem(viewersKey(streamId), id).catch(this.options.onRedisDown);
      },
    };
  }

  /** The room's current viewers on every instance; null when Redis cannot say. */
  async count(streamId: string): Promise<number | null> {
    try {
      const [, [, count] = []] =
        (await this.redis
          .multi()
          .zremrangebyscore(viewersKey(streamId), "-inf", Date.now())
          .zcard(viewersKey(streamId))
          .exec()) ?? [];
      return typeof count === "number" ? count : null;
    } catch (error) {
      this.options.onRedisDown(error);
      return null;
    }
  }

  /** Renews this process's viewers and tells each of their rooms its count when it changed. */
  async heartbeat(): Promise<void> {
    for (const [streamId, ids] of this.#local) {
      if (ids.size === 0) continue;
      const renewed = await this.#renew(streamId, [...ids]).then(() => true, this.options.onRedisDown);
      if (!renewed) continue;
      const count = await this.count(streamId);
      if (count === null || this.#told.get(streamId) === count) continue;
      this.#told.set(streamId, count);
      announceChatEvent(this.pubSub, streamId, { kind: "VIEWERS", viewerCount: count });
    }
  }

  // The key expires with its last presence, so a room nobody watches leaves nothing behind.
  async #renew(streamId: string, ids: readonly string[]): Promise<void> {
    const expires = Date.now() + this.#ttlMs;
    await this.redis
      .multi()
      .zadd(viewersKey(streamId), ...ids.flatMap((id) => [expires, id]))
      .pexpire(viewersKey(streamId), this.#ttlMs)
      .exec();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
