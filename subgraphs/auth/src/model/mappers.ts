import type { Actor } from "@health/platform/auth";
import { canSeePrivateFields } from "../domain/accounts.ts";
import type { SessionTokens } from "../domain/sessions.ts";
import type { Account } from "../generated/prisma/client.ts";
import type { Role } from "./role.ts";
import { AuthPayload } from "./session.ts";
import { User } from "./user.ts";

export function toUser(account: Account, viewer: Pick<Actor, "userId" | "roles"> | null): User {
  const visible = canSeePrivateFields(viewer, account.id);
  return Object.assign(new User(), {
    id: account.id,
    displayName: account.displayName,
    email: visible ? account.email : null,
    roles: visible ? (account.roles as string[] as Role[]) : null,
    createdAt: account.createdAt,
  });
}

/** The session owner always sees their own email and roles, whoever the request's (anonymous) caller was. */
export function toAuthPayload(tokens: SessionTokens): AuthPayload {
  const owner = { userId: tokens.account.id, roles: tokens.account.roles };
  return Object.assign(new AuthPayload(), {
    accessToken: tokens.access.token,
    accessTokenExpiresAt: tokens.access.expiresAt,
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshExpiresAt,
    user: toUser(tokens.account, owner),
  });
}
