// Shared by RateLimiter (Redis) and MemoryRateLimiter (its fallback), which imports no limiter back.

/** A limit of `limit` units per `periodMs`, with bursts up to `limit`. */
export interface RateLimit {
  key: string;
  limit: number;
  periodMs: number;
  /** Units this request takes (default 1; a batch of five operations takes five). */
  cost?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };
