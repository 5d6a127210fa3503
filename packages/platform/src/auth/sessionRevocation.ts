import type { Redis } from "ioredis";

/**
 * Signed-out sessions, shared through Redis. Access tokens are self-contained and live up to their
 * expiry; auth records a revoked session here for that long, and the router refuses its tokens at once.
 */
export const revokedSessionKey = (sessionId: string): string => `auth:revoked-session:${sessionId}`;

/** Where a revocation is announced to processes holding that session's sockets (ioredis prefixes keys, not channels). */
export const sessionRevokedChannel = (redis: Redis): string =>
  `${redis.options.keyPrefix ?? ""}auth:session-revoked`;

/** The name of the connection `watchSessionRevocations` holds (`CLIENT LIST`). */
export const sessionRevocationsConnectionName = (redis: Redis): string =>
  `${redis.options.keyPrefix ?? ""}session-revocations`;

/** Records the revocation and announces it, in one MULTI: a marker is never set without its announcement. */
export async function markSessionRevoked(redis: Redis, sessionId: string, ttlSeconds: number): Promise<void> {
  const results = await redis
    .multi()
    .set(revokedSessionKey(sessionId), "1", "EX", ttlSeconds)
    .publish(sessionRevokedChannel(redis), sessionId)
    .exec();
  const failed = results?.find(([error]) => error)?.[0];
  if (failed) throw failed;
}

export async function isSessionRevoked(redis: Redis, sessionId: string): Promise<boolean> {
  return (await redis.exists(revokedSessionKey(sessionId))) === 1;
}

export interface SessionRevocationWatch {
  close(): Promise<void>;
}

/**
 * Calls `onRevoked` with each session id announced by `markSessionRevoked`, on a connection of its own
 * (a subscribed connection runs no other command). Announcements sent while it was disconnected are
 * lost, so each (re)subscription calls `onSubscribed`, where the caller re-checks the sessions it holds
 * against the markers.
 */
export function watchSessionRevocations(
  redis: Redis,
  onRevoked: (sessionId: string) => void,
  onSubscribed: () => void,
  onError: (error: Error) => void,
): SessionRevocationWatch {
  const channel = sessionRevokedChannel(redis);
  const subscriber = redis.duplicate({
    autoResubscribe: false,
    keyPrefix: undefined,
    // Named, so an operator finds it in CLIENT LIST.
    connectionName: sessionRevocationsConnectionName(redis),
  });
  subscriber.on("message", (from: string, sessionId: string) => {
    if (from === channel) onRevoked(sessionId);
  });
  subscriber.on("ready", () => {
    subscriber.subscribe(channel).then(onSubscribed, onError);
  });
  subscriber.on("error", onError);
  return {
    close: async () => {
      subscriber.disconnect();
    },
  };
}
