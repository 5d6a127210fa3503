import type { RateDecision, RateLimit } from "./rateLimit.ts";

export interface MemoryRateLimiterOptions {
  /** Buckets kept at most; past it, buckets whose bursts have fully recovered are dropped first. Default 100 000. */
  maxBuckets?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * The same GCRA as `RateLimiter`'s Lua script, in this process's memory: what the router limits with
 * while Redis is unreachable. Each instance counts only what it sees, so N routers let through up to
 * N times a limit: weaker, never open.
 */
export class MemoryRateLimiter {
  private readonly tats = new Map<string, number>();
  private readonly maxBuckets: number;
  private readonly now: () => number;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.maxBuckets = options.maxBuckets ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  take(limits: readonly RateLimit[]): RateDecision {
    const now = this.now();
    let worst = 0;
    const next: number[] = [];
    for (const { key, limit, periodMs, cost = 1 } of limits) {
      const tat = Math.max(this.tats.get(key) ?? now, now);
      const newTat = tat + (periodMs / limit) * cost;
      worst = Math.max(worst, newTat - periodMs - now);
      next.push(newTat);
    }
    if (worst > 0) return { allowed: false, retryAfterMs: Math.ceil(worst) };
    if (this.tats.size + limits.length > this.maxBuckets) this.dropRecovered(now);
    limits.forEach(({ key }, i) => {
      this.tats.set(key, next[i] as number);
    });
    return { allowed: true };
  }

  /** Buckets tracked now (for tests and metrics). */
  get size(): number {
    return this.tats.size;
  }

  private dropRecovered(now: number): void {
    for (const [key, tat] of this.tats) if (tat <= now) this.tats.delete(key);
    // Still full of live buckets (a flood of addresses): forgetting them all is the cheap way out.
    if (this.tats.size >= this.maxBuckets) this.tats.clear();
  }
}
