export type { Redis } from "ioredis";
export type { RedisOptions } from "./createRedis.ts";
export { createRedis } from "./createRedis.ts";
export { type RateDecision, type RateLimit, RateLimiter } from "./rateLimiter.ts";
