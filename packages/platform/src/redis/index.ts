export type { Redis } from "ioredis";
export type { RedisOptions } from "./createRedis.ts";
export { createRedis, DEFAULT_REDIS_COMMAND_TIMEOUT_MS } from "./createRedis.ts";
export { MemoryRateLimiter, type MemoryRateLimiterOptions } from "./memoryRateLimiter.ts";
export { Presence, type PresenceLease, type PresenceOptions, presenceRedisKey } from "./presence.ts";
export type { RateDecision, RateLimit } from "./rateLimit.ts";
export {
  RateLimiter,
  type RateLimiterOptions,
  RedisUnavailableError,
  type TakeOptions,
} from "./rateLimiter.ts";
export { redisDownWarning } from "./redisDownWarning.ts";
