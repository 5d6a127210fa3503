import { Redis } from "ioredis";

export interface RedisOptions {
  /** Prepended to every key (tests use a random one so parallel files never share keys). */
  keyPrefix?: string;
}

/** A Redis client that fails a command after two reconnect attempts instead of queueing it forever. */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, keyPrefix: options.keyPrefix });
}
