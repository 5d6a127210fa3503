import { randomUUID } from "node:crypto";
import { ACCESS_TOKEN_ALGORITHM } from "@health/platform/auth";
import { createLocalJWKSet, errors, jwtVerify, SignJWT } from "jose";
import type { AuthDeps } from "../../deps.ts";

/**
 * The audience of a download link's token. Never the platform's access-token audience, so a link can
 * never pass as an access token, and an access token never passes as a link.
 */
export const DATA_EXPORT_LINK_AUDIENCE = "health-data-export";
const LINK_TOKEN_TYPE = "data-export-link+jwt";

export interface DownloadLink {
  url: string;
  expiresAt: Date;
}

type LinkDeps = Pick<AuthDeps, "keys" | "config">;

/** The path auth serves an archive on (and the router forwards). */
export const archivePath = (exportId: string): string => `/data-exports/${exportId}/archive`;

/**
 * A fresh short-lived link to the owner's archive: `<PUBLIC_URL>/data-exports/<id>/archive?token=<jwt>`,
 * the token signed with auth's active key, `sub` the owner, `exportId` the export.
 */
export async function mintDownloadLink(
  deps: LinkDeps,
  owner: { userId: string; exportId: string },
  now = new Date(),
): Promise<DownloadLink> {
  const key = await deps.keys.active();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + deps.config.DATA_EXPORT_LINK_TTL_SECONDS;
  const token = await new SignJWT({ exportId: owner.exportId })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: key.kid, typ: LINK_TOKEN_TYPE })
    .setSubject(owner.userId)
    .setIssuer(deps.config.JWT_ISSUER)
    .setAudience(DATA_EXPORT_LINK_AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  const url = new URL(archivePath(owner.exportId), deps.config.PUBLIC_URL);
  url.searchParams.set("token", token);
  return { url: url.href, expiresAt: new Date(expiresAt * 1000) };
}

export type LinkCheck =
  | { valid: true; userId: string; exportId: string }
  | { valid: false; reason: "EXPIRED" | "INVALID" };

/** Checks a link's token: auth's signature, the link audience and type, not expired. */
export async function verifyDownloadLink(deps: LinkDeps, token: string): Promise<LinkCheck> {
  const keys = createLocalJWKSet({ keys: await deps.keys.published() });
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: deps.config.JWT_ISSUER,
      audience: DATA_EXPORT_LINK_AUDIENCE,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      typ: LINK_TOKEN_TYPE,
      requiredClaims: ["sub", "exp", "exportId"],
    });
    return { valid: true, userId: String(payload.sub), exportId: String(payload.exportId) };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { valid: false, reason: "EXPIRED" };
    if (error instanceof errors.JOSEError) return { valid: false, reason: "INVALID" };
    throw error;
  }
}
