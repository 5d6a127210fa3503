import {
  type SessionRevocationCheck,
  type SessionRevocationWatch,
  watchSessionRevocations,
} from "@health/platform/auth";
import type { Logger } from "@health/platform/logging";
import type { Redis } from "@health/platform/redis";
import type { SubscriberRegistry } from "./subscriberRegistry.ts";

/**
 * Closes the sockets of a session within moments of auth revoking it (sign-out, an admin's revoke,
 * refresh-token reuse), on every router instance: auth announces each revocation on Redis. While Redis
 * is unreachable nothing is announced; the sockets then live until their token expires (the socket
 * server's timer) or their next subscribe (refused), and on reconnecting the sessions held here are
 * re-checked against auth's markers. The check's memory of live sessions follows the announcements.
 */
export function closeRevokedSessions(
  redis: Redis,
  registry: SubscriberRegistry,
  sessions: SessionRevocationCheck,
  logger: Logger,
): SessionRevocationWatch {
  const recheck = async () => {
    for (const sessionId of registry.sessionIds())
      if (await sessions.isRevoked(sessionId)) registry.closeSession(sessionId);
  };
  return watchSessionRevocations(
    redis,
    (sessionId) => {
      sessions.forget(sessionId);
      registry.closeSession(sessionId);
    },
    () => {
      sessions.forgetAll();
      recheck().catch((error) => logger.warn({ err: error }, "could not re-check revoked sessions"));
    },
    (error) => logger.warn({ err: error }, "session revocation announcements unavailable"),
  );
}
