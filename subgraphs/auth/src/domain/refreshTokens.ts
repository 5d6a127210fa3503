import { createHash, randomBytes } from "node:crypto";

/** 256 random bits; only its SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashRefreshToken(token) };
}

export const hashRefreshToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export type RefreshDecision =
  | { kind: "rotate" }
  | { kind: "reject"; reason: string }
  /** An already-rotated token came back: someone holds a copy, so the whole session goes. */
  | { kind: "reuse" };

/** Decides what presenting a stored refresh token means. Pure, so every branch has a unit test. */
export function decideRefresh(
  token: { usedAt: Date | null; expiresAt: Date; session: { revokedAt: Date | null } },
  now: Date,
): RefreshDecision {
  if (token.session.revokedAt)
    return { kind: "reject", reason: "This session was signed out; sign in again." };
  if (token.usedAt) return { kind: "reuse" };
  if (token.expiresAt <= now)
    return { kind: "reject", reason: "The refresh token has expired; sign in again." };
  return { kind: "rotate" };
}
