import { rateLimited } from "@health/platform/errors";
import type { RateLimiter } from "@health/platform/redis";

/**
 * Takes `userId`'s slot in the room for `seconds` (one message per window), or RATE_LIMITED with
 * `retryAfterSeconds`. The platform limiter decides on Redis (every instance agrees) and, while Redis
 * is down or slower than REDIS_COMMAND_TIMEOUT_MS, on this process's own counts: slow mode then holds
 * per instance rather than failing closed (a chat that refuses everyone) or open (no limit at all).
 */
export async function takeSlowModeSlot(
  limiter: RateLimiter,
  streamId: string,
  userId: string,
  seconds: number,
): Promise<void> {
  if (seconds <= 0) return;
  const decision = await limiter.take([
    { key: `chat:slow:${streamId}:${userId}`, limit: 1, periodMs: seconds * 1000 },
  ]);
  if (!decision.allowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw rateLimited(
      `Slow mode: one message every ${seconds} s in this room; try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    );
  }
}
