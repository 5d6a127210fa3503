import type { Redis } from "ioredis";
import { MemoryRateLimiter } from "./memoryRateLimiter.ts";
import type { RateDecision, RateLimit } from "./rateLimit.ts";

/**
 * GCRA (the generic cell rate algorithm) over several buckets at once: the request passes only if every
 * bucket has room, and then takes from all of them; a refused request takes from none. One Redis round
 * trip; Redis's clock, so every router instance agrees.
 */
const GCRA = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local worst = 0
local tats = {}
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[(i - 1) * 3 + 1])
  local tolerance = tonumber(ARGV[(i - 1) * 3 + 2])
  local cost = tonumber(ARGV[(i - 1) * 3 + 3])
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  local new_tat = tat + interval * cost
  local wait = new_tat - tolerance - now
  if wait > worst then worst = wait end
  tats[i] = new_tat
end
if worst > 0 then return math.ceil(worst) end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, tostring(tats[i]), 'PX', math.max(1, math.ceil(tats[i] - now)))
end
return 0
`;

type WithGcra = Redis & { gcra(keyCount: number, ...args: Array<string | number>): Promise<number> };

export interface RateLimiterOptions {
  /** Prepended to every bucket's key. Default `ratelimit:`. */
  keyPrefix?: string;
  /** Told each time Redis failed and a decision fell back to this process's memory. */
  onRedisDown?: (error: unknown) => void;
}

export interface TakeOptions {
  /**
   * What a Redis failure does: `memory` (default) decides with this process's own counts; `refuse`
   * throws `RedisUnavailableError`, for limits that must not weaken (credential attempts).
   */
  whenRedisDown?: "memory" | "refuse";
}

/** A limit that must not weaken could not be checked: Redis is unreachable. */
export class RedisUnavailableError extends Error {
  constructor(cause: unknown) {
    super("Redis is unreachable; this limit cannot be checked.", { cause });
    this.name = "RedisUnavailableError";
  }
}

export class RateLimiter {
  private readonly redis: WithGcra;
  private readonly keyPrefix: string;
  private readonly memory = new MemoryRateLimiter();

  constructor(
    redis: Redis,
    private readonly options: RateLimiterOptions = {},
  ) {
    if (!("gcra" in redis)) redis.defineCommand("gcra", { lua: GCRA });
    this.redis = redis as WithGcra;
    this.keyPrefix = options.keyPrefix ?? "ratelimit:";
  }

  async take(limits: readonly RateLimit[], options: TakeOptions = {}): Promise<RateDecision> {
    if (limits.length === 0) return { allowed: true };
    const args: Array<string | number> = limits.map((l) => `${this.keyPrefix}${l.key}`);
    for (const { limit, periodMs, cost = 1 } of limits) {
      const interval = periodMs / limit;
      args.push(interval, periodMs, cost);
    }
    let retryAfterMs: number;
    try {
      retryAfterMs = await this.redis.gcra(limits.length, ...args);
    } catch (error) {
      if (options.whenRedisDown === "refuse") throw new RedisUnavailableError(error);
      this.options.onRedisDown?.(error);
      return this.memory.take(limits);
    }
    return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
  }
}
