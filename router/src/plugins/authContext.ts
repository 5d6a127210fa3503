import type { Actor, TokenVerifier } from "@health/platform/auth";
import { bearerToken } from "@health/platform/auth";
import { AppError, unauthenticated } from "@health/platform/errors";
import type { SubscriberConnection } from "@health/platform/server";
import type { Request } from "express";
import { GraphQLError } from "graphql";

/** The router's per-request context: who is calling, and what to forward to subgraphs. */
export interface RouterContext {
  requestId: string;
  actor: Actor | null;
  clientIp: string;
  /** Over WebSocket only: the client's connection (to cut off a subscriber that fell behind). */
  connection?: SubscriberConnection;
}

/**
 * Verifies the bearer token before anything is planned. No token: anonymous (subgraphs decide what
 * anonymous callers may do). A bad token, or one of a signed-out session: 401 with UNAUTHENTICATED,
 * never a silent downgrade.
 */
export async function authenticate(verifier: TokenVerifier, req: Request): Promise<Actor | null> {
  const token = bearerToken(req.header("authorization"));
  if (!token) return null;
  try {
    return await verifier.verify(token);
  } catch (error) {
    if (error instanceof AppError) {
      throw new GraphQLError(error.message, {
        extensions: {
          code: error.code,
          http: { status: 401, headers: new Map([["www-authenticate", "Bearer"]]) },
        },
      });
    }
    throw error;
  }
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
