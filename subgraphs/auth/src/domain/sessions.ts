import { markSessionRevoked } from "@health/platform/auth";
import { unauthenticated, unavailable } from "@health/platform/errors";
import type { AuthDeps } from "../deps.ts";
import type { Account } from "../generated/prisma/client.ts";
import { type IssuedAccessToken, issueAccessToken } from "./accessTokens.ts";
import { decideRefresh, hashRefreshToken, newRefreshToken } from "./refreshTokens.ts";

export interface SessionTokens {
  access: IssuedAccessToken;
  refreshToken: string;
  refreshExpiresAt: Date;
  account: Account;
}

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

/** Starts a session (a refresh-token family) for a signed-in account. */
export async function startSession(
  deps: AuthDeps,
  account: Account,
  meta: ClientMeta,
): Promise<SessionTokens> {
  const refresh = newRefreshToken();
  const refreshExpiresAt = new Date(Date.now() + deps.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
  const session = await deps.db.session.create({
    data: {
      accountId: account.id,
      ip: meta.ip,
      userAgent: meta.userAgent ?? null,
      tokens: { create: { tokenHash: refresh.hash, expiresAt: refreshExpiresAt } },
    },
  });
  const access = await issueAccessToken(deps, account, session.id);
  return { access, refreshToken: refresh.token, refreshExpiresAt, account };
}

/**
 * Trades a refresh token for a new pair. The old token is marked used by a conditional update, so of
 * two concurrent presentations exactly one rotates; the other counts as reuse and revokes the session.
 */
export async function rotateRefreshToken(
  deps: AuthDeps,
  presented: string,
  now = new Date(),
): Promise<SessionTokens> {
  const stored = await deps.db.refreshToken.findUnique({
    where: { tokenHash: hashRefreshToken(presented) },
    include: { session: { include: { account: true } } },
  });
  if (!stored) throw unauthenticated("The refresh token is not recognised; sign in again.");

  const decision = decideRefresh(stored, now);
  if (decision.kind === "reject") throw unauthenticated(decision.reason);
  if (decision.kind === "reuse") {
    await revokeSession(deps, stored.sessionId, "refresh token reuse");
    throw unauthenticated("This refresh token was already used, so the session was revoked; sign in again.");
  }

  const next = newRefreshToken();
  const refreshExpiresAt = new Date(now.getTime() + deps.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
  const rotated = await deps.db.$transaction(async (tx) => {
    const claimed = await tx.refreshToken.updateMany({
      where: { id: stored.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count === 0) return false;
    await tx.refreshToken.create({
      data: { sessionId: stored.sessionId, tokenHash: next.hash, expiresAt: refreshExpiresAt },
    });
    return true;
  });
  if (!rotated) {
    await revokeSession(deps, stored.sessionId, "refresh token reuse");
    throw unauthenticated("This refresh token was already used, so the session was revoked; sign in again.");
  }
  const { account } = stored.session;
  if (account.status !== "active") throw unauthenticated("This account is locked.");
  const access = await issueAccessToken(deps, account, stored.sessionId, now);
  return { access, refreshToken: next.token, refreshExpiresAt, account };
}

/**
 * Ends a session: its refresh tokens stop working, and the router refuses its access tokens at once.
 * The Redis marker is written first: while Redis is unreachable nothing is revoked (UNAVAILABLE), so
 * a router that vouches from memory for sessions it saw live never lets a signed-out one through.
 */
export async function revokeSession(
  deps: Pick<AuthDeps, "db" | "redis" | "config">,
  sessionId: string,
  reason: string,
): Promise<boolean> {
  await markSessionRevoked(deps.redis, sessionId, deps.config.ACCESS_TOKEN_TTL_SECONDS).catch(() => {
    throw unavailable("SESSION_REVOCATION", "Signing out is unavailable for a moment; try again shortly.");
  });
  const { count } = await deps.db.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date(), revokeReason: reason },
  });
  return count === 1;
}
