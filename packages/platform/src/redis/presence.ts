import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** One member's presence under a key: gone on `leave`, or once unrenewed for three heartbeats. */
export interface PresenceLease {
  leave(): Promise<void>;
}

export interface PresenceOptions {
  /** How often this process renews its members (a crashed process's vanish within three). */
  heartbeatMs: number;
  /** Told when Redis failed: the member is then not counted until the next renewal that succeeds. */
  onRedisDown: (error: unknown) => void;
}

/** Where a subgraph's presence key `key` is counted (the subgraph's name keeps subgraphs apart). */
export const presenceRedisKey = (subgraph: string, key: string): string => `presence:${subgraph}:${key}`;

/**
 * Who is present under a key, across processes: a Redis sorted set per key of member ids, each scored
 * with when it expires. This process renews its own members every heartbeat (the timer runs only while
 * it has some), and the key expires with its last member, so a crashed process leaves nothing behind
 * for long. The router counts a subscription's members under the presence key its subgraph declared
 * (router/src/subscriptions/README.md); the subgraph reads the count with `count`.
 */
export class Presence {
  readonly #local = new Map<string, Set<string>>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly options: PresenceOptions,
  ) {}

  get #ttlMs() {
    return this.options.heartbeatMs * 3;
  }

  async join(key: string): Promise<PresenceLease> {
    const id = randomUUID();
    const members = this.#local.get(key) ?? new Set<string>();
    members.add(id);
    this.#local.set(key, members);
    this.#timer ??= setInterval(() => void this.renew(), this.options.heartbeatMs).unref();
    await this.#add(key, [id]).catch(this.options.onRedisDown);
    let left = false;
    return {
      leave: async () => {
        if (left) return;
        left = true;
        members.delete(id);
        if (members.size === 0) this.#local.delete(key);
        if (this.#local.size === 0) this.stop();
        await this.redis.zrem(key, id).catch(this.options.onRedisDown);
      },
    };
  }

  /** Members present under `key` in every process; null when Redis cannot say. */
  async count(key: string): Promise<number | null> {
    try {
      const replies = await this.redis.multi().zremrangebyscore(key, "-inf", Date.now()).zcard(key).exec();
      const count = replies?.[1]?.[1];
      return typeof count === "number" ? count : null;
    } catch (error) {
      this.options.onRedisDown(error);
      return null;
    }
  }

  /** Renews every member of this process (the heartbeat; tests call it directly). */
  async renew(): Promise<void> {
    for (const [key, ids] of this.#local) await this.#add(key, [...ids]).catch(this.options.onRedisDown);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #add(key: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const expires = Date.now() + this.#ttlMs;
    await this.redis
      .multi()
      .zadd(key, ...ids.flatMap((id) => [expires, id]))
      .pexpire(key, this.#ttlMs)
      .exec();
  }
}
