import type { Actor, ApiKeyIdentity, TokenVerifier } from "@health/platform/auth";
import { unauthenticated } from "@health/platform/errors";
import type { SubscriberConnection } from "@health/platform/server";

/** The router's per-request context: who is calling, and what to forward to subgraphs. */
export interface RouterContext {
  requestId: string;
  actor: Actor | null;
  /** A partner calling with an API key (then `actor` is null). */
  partner: ApiKeyIdentity | null;
  clientIp: string;
  /** Over WebSocket only: the client's connection (to cut off a subscriber that fell behind). */
  connection?: SubscriberConnection;
}

/** A verifier that also refuses tokens of signed-out sessions; HTTP and WebSocket callers both go through it. */
export function withSessionRevocation(
  verifier: TokenVerifier,
  isSessionRevoked?: (sessionId: string) => Promise<boolean>,
): TokenVerifier {
  if (!isSessionRevoked) return verifier;
  return {
    verify: async (token) => {
      const actor = await verifier.verify(token);
      if (await isSessionRevoked(actor.sessionId))
        throw unauthenticated("This session was signed out; sign in again.");
      return actor;
    },
  };
}
