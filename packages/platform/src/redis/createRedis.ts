import { Redis } from "ioredis";

export interface RedisOptions {
  /** Prepended to every key (tests use a random one so parallel files never share keys). */
  keyPrefix?: string;
  /** How long a command may wait for Redis before it fails. Default `DEFAULT_REDIS_COMMAND_TIMEOUT_MS`. */
  commandTimeoutMs?: number;
}

/** Redis is a cache and a limiter: a request never waits on it longer than this (issue 17 point 2). */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 250;

/**
 * A Redis client that fails fast while Redis is unreachable: a command waits at most `commandTimeoutMs`
 * (a hung server), and once connected none is queued while reconnecting (a stopped one). Commands sent
 * before the first connection are queued, so a process may use the client as soon as it creates it.
 * It reconnects by itself, every 50 ms at first and at most every second.
 */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  const timeout = options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix,
    commandTimeout: timeout,
    connectTimeout: Math.max(timeout, 1_000),
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 50, 1_000),
  });
  // Each use says what its failures mean (a warning, a miss, a refusal) and readiness reports Redis;
  // without a listener ioredis would print every failed reconnect to stderr.
  redis.on("error", () => undefined);
  // ioredis reads this per command; duplicates (subscribers) copy it and subscribe only once ready.
  redis.once("ready", () => {
    redis.options.enableOfflineQueue = false;
  });
  return redis;
}
