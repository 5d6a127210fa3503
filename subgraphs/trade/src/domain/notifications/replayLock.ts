import { randomUUID } from "node:crypto";
import { AppError, ErrorCode } from "@health/platform/errors";
import type { Redis } from "@health/platform/redis";

/** How long a resume may hold its coach's slot if its process dies before releasing it. */
export const REPLAY_LOCK_TTL_MS = 30_000;
/** A Redis that does not answer in time is treated as down (ARCHITECTURE rule 10). */
const REDIS_TIMEOUT_MS = 500;

export const replayLockKey = (coachId: string): string => `trade:replay:${coachId}`;

// Deletes the key only while it still holds our token: a lease that outlived its TTL never frees a
// later resume's slot.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface ReplayLease {
  release(): Promise<void>;
}

const withTimeout = <T>(command: Promise<T>): Promise<T> =>
  Promise.race([
    command,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error("redis timed out")), REDIS_TIMEOUT_MS).unref();
    }),
  ]);

/**
 * One `orderAvailable(after:)` replay in flight per coach (issue 16.6): SET NX with an expiry, released
 * when the replay has been read. A second concurrent resume gets RATE_LIMITED (reason
 * REPLAY_IN_FLIGHT). Fails open: with Redis down or slow the resume goes ahead unguarded, because
 * Redis is a limiter, never a single point of failure, and the replay stays bounded by its page and
 * scan limits anyway. `onRedisDown` hears about it.
 */
export async function acquireReplayLease(
  redis: Redis,
  coachId: string,
  onRedisDown: (error: unknown) => void,
): Promise<ReplayLease> {
  const key = replayLockKey(coachId);
  const token = randomUUID();
  let taken: string | null;
  try {
    taken = await withTimeout(redis.set(key, token, "PX", REPLAY_LOCK_TTL_MS, "NX"));
  } catch (error) {
    onRedisDown(error);
    return { release: async () => undefined };
  }
  if (taken !== "OK") {
    throw new AppError(
      ErrorCode.RATE_LIMITED,
      "A resume of orderAvailable is already in flight for you; wait for it, then resume from its last id.",
      { details: { reason: "REPLAY_IN_FLIGHT", retryAfterSeconds: 1 } },
    );
  }
  return {
    release: async () => {
      await withTimeout(redis.eval(RELEASE, 1, key, token)).catch(onRedisDown);
    },
  };
}
