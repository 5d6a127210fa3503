import type { Redis } from "ioredis";

/**
 * Signed-out sessions, shared through Redis. Access tokens are self-contained and live up to their
 * expiry; auth records a revoked session here for that long, and the router refuses its tokens at once.
 */
export const revokedSessionKey = (sessionId: string): string => `auth:revoked-session:${sessionId}`;

export async function markSessionRevoked(redis: Redis, sessionId: string, ttlSeconds: number): Promise<void> {
  await redis.set(revokedSessionKey(sessionId), "1", "EX", ttlSeconds);
}

export async function isSessionRevoked(redis: Redis, sessionId: string): Promise<boolean> {
  return (await redis.exists(revokedSessionKey(sessionId))) === 1;
}
