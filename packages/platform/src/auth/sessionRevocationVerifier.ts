import { unauthenticated } from "../errors/appError.ts";
import type { TokenVerifier } from "./tokenVerifier.ts";

export interface SessionRevocationOptions {
  /**
   * Called when revocation cannot be checked (Redis unreachable); the token is then accepted. Without it
   * the error propagates and the request fails (the router's choice: it is the first check). Subgraphs
   * pass it: they serve only router-signed requests, which the router already checked or refused.
   */
  acceptWhenUnchecked?: (error: unknown) => void;
}

/** A verifier that also refuses tokens of signed-out sessions, for HTTP and WebSocket callers alike. */
export function withSessionRevocation(
  verifier: TokenVerifier,
  isSessionRevoked?: (sessionId: string) => Promise<boolean>,
  options: SessionRevocationOptions = {},
): TokenVerifier {
  if (!isSessionRevoked) return verifier;
  const revoked = async (sessionId: string) => {
    if (!options.acceptWhenUnchecked) return isSessionRevoked(sessionId);
    try {
      return await isSessionRevoked(sessionId);
    } catch (error) {
      options.acceptWhenUnchecked(error);
      return false;
    }
  };
  return {
    verify: async (token) => {
      const actor = await verifier.verify(token);
      if (await revoked(actor.sessionId))
        throw unauthenticated("This session was signed out; sign in again.");
      return actor;
    },
  };
}
