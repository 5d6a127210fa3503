import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from "jose";
import { unauthenticated, unavailable } from "../errors/appError.ts";
import { type Actor, isRole } from "./actor.ts";

export const ACCESS_TOKEN_ALGORITHM = "EdDSA";

export interface TokenVerifierOptions {
  /** The auth subgraph's JWKS document, e.g. `http://127.0.0.1:4001/.well-known/jwks.json`. */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /**
   * How long fetched keys are trusted before being fetched again (default 10 minutes). A token signed
   * with a key id not in the cache triggers a refetch (see `cooldownMs`), so a rotated key is picked up
   * without waiting for the cache to expire.
   */
  cacheMaxAgeMs?: number;
  /**
   * The least time between two JWKS fetches caused by unknown key ids (default 1 s). Short, so a
   * token signed with a freshly rotated key verifies within a second; long enough that tokens with
   * made-up key ids cannot turn into a flood of fetches.
   */
  cooldownMs?: number;
  /** Verified tokens remembered until they expire (default 10,000; 0 verifies every time). */
  cacheSize?: number;
}

export interface TokenVerifier {
  /**
   * Verifies signature, issuer, audience and expiry; throws UNAUTHENTICATED saying what is wrong, or
   * UNAVAILABLE (reason TOKEN_KEYS) when the keys to check it against cannot be fetched: fail closed.
   */
  verify(token: string): Promise<Actor>;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl), {
    cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60_000,
    cooldownDuration: options.cooldownMs ?? 1_000,
    timeoutDuration: 5_000,
  });
  // A token that verified once stays valid until its expiry (signatures do not change, and retired keys
  // stay trusted until their tokens expire), so repeat callers skip the signature check. Session
  // revocation is checked separately, on every request (`withSessionRevocation`).
  const verified = new Map<string, Actor>();
  const cacheSize = options.cacheSize ?? 10_000;
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (known.expiresAt.getTime() > Date.now()) return known;
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          requiredClaims: ["sub", "exp", "sid"],
        });
        const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
        const actor: Actor = {
          userId: String(payload.sub),
          roles,
          sessionId: String(payload.sid),
          token,
          expiresAt: new Date((payload.exp ?? 0) * 1000),
        };
        if (cacheSize > 0) {
          if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
          verified.set(token, actor);
        }
        return actor;
      } catch (error) {
        if (isKeySetUnreachable(error))
          throw unavailable(
            "TOKEN_KEYS",
            "The keys that verify access tokens cannot be fetched from auth right now; retry shortly.",
          );
        throw unauthenticated(describeTokenError(error));
      }
    },
  };
}

/** The JWKS endpoint timed out, refused, or answered other than 200: no fault of the token's. */
function isKeySetUnreachable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout) return true;
  if (!(error instanceof errors.JOSEError)) return error instanceof TypeError; // fetch failed
  return error.code === "ERR_JOSE_GENERIC" && error.message.includes("JSON Web Key Set HTTP response");
}

function describeTokenError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The access token has expired: refresh it and retry.";
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return "The access token's signature is invalid: sign in again.";
  if (error instanceof errors.JWKSNoMatchingKey)
    return "The access token was signed with an unknown key: sign in again.";
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The access token's "${error.claim}" claim is not accepted here: sign in again.`;
  return "The access token is malformed: send `Authorization: Bearer <token>`.";
}

/** The token from an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
