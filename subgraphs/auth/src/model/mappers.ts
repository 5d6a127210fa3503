import type { Actor } from "@health/platform/auth";
import { canSeeEmail } from "../domain/accounts.ts";
import type { SessionTokens } from "../domain/sessions.ts";
import type { Account } from "../generated/prisma/client.ts";
import type { Role } from "./role.ts";
import { AuthPayload } from "./session.ts";
import { User } from "./user.ts";

export function toUser(account: Account, viewer: Pick<Actor, "userId" | "roles"> | null): User {
  return Object.assign(new User(), {
    id: account.id,
    displayName: account.displayName,
    email: canSeeEmail(viewer, account.id) ? account.email : null,
    roles: account.roles as string[] as Role[],
    createdAt: account.createdAt,
  });
}

/** The session owner always sees their own email, whoever the request's (anonymous) caller was. */
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
