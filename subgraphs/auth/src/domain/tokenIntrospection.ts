import { ACCESS_TOKEN_ALGORITHM } from "@health/platform/auth";
import { createLocalJWKSet, errors, jwtVerify } from "jose";
import type { AuthDeps } from "../deps.ts";

export type TokenIntrospection =
  | { valid: true; userId: string; roles: string[]; sessionId: string; expiresAt: Date }
  | { valid: false; reason: string };

/**
 * The seed's `GET /auth/verify`: says whether an access token is valid here and now, and why not,
 * including whether its session has been signed out (which a signature check alone cannot know).
 */
export async function introspectToken(deps: AuthDeps, token: string): Promise<TokenIntrospection> {
  const keys = createLocalJWKSet({ keys: await deps.keys.published() });
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: deps.config.JWT_ISSUER,
      audience: deps.config.JWT_AUDIENCE,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
    });
    const sessionId = String(payload.sid);
    const session = await deps.db.session.findUnique({
      where: { id: sessionId },
      select: { revokedAt: true },
    });
    if (!session || session.revokedAt) return { valid: false, reason: "session revoked" };
    return {
      valid: true,
      userId: String(payload.sub),
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      sessionId,
      expiresAt: new Date((payload.exp ?? 0) * 1000),
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { valid: false, reason: "expired" };
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return { valid: false, reason: "bad signature" };
    if (error instanceof errors.JWKSNoMatchingKey) return { valid: false, reason: "unknown signing key" };
    if (error instanceof errors.JOSEError)
      return { valid: false, reason: "malformed or wrong issuer/audience" };
    throw error;
  }
}
