import { randomUUID } from "node:crypto";
import { ACCESS_TOKEN_ALGORITHM } from "@health/platform/auth";
import { SignJWT } from "jose";
import type { AuthDeps } from "../deps.ts";
import type { Account } from "../generated/prisma/client.ts";

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

/** A short-lived EdDSA JWT: `sub` the account, `roles`, `sid` the session it belongs to. */
export async function issueAccessToken(
  deps: Pick<AuthDeps, "keys" | "config">,
  account: Pick<Account, "id" | "roles">,
  sessionId: string,
  now = new Date(),
): Promise<IssuedAccessToken> {
  const key = await deps.keys.active();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + deps.config.ACCESS_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ roles: account.roles, sid: sessionId })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: key.kid, typ: "at+jwt" })
    .setSubject(account.id)
    .setIssuer(deps.config.JWT_ISSUER)
    .setAudience(deps.config.JWT_AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}
