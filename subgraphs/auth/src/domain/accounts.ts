import type { Actor } from "@health/platform/auth";
import { badInput, notFound, unauthenticated } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import type { AuthDb } from "../db.ts";
import type { Account, Role } from "../generated/prisma/client.ts";
import { publishAuthAdminAction } from "./authEvents.ts";

export function assertUserId(field: string, id: string): void {
  if (!isUuid(id)) throw badInput(field, `"${id}" is not a user id (expected a UUID).`);
}

export async function currentAccount(db: AuthDb, actor: Actor): Promise<Account> {
  const account = await db.account.findUnique({ where: { id: actor.userId } });
  if (!account) throw unauthenticated("The account behind this token no longer exists.");
  return account;
}

/** Only the account itself and admins see its private fields: email address and roles. */
export const canSeePrivateFields = (
  actor: Pick<Actor, "userId" | "roles"> | null,
  accountId: string,
): boolean => !!actor && (actor.userId === accountId || actor.roles.includes("admin"));

/**
 * Adds `role` to an account (admins only, enforced by the resolver's @Authorized), recording the grant
 * for the audit log in the same transaction. Granting a role the account has changes and records nothing.
 */
export async function grantRole(db: AuthDb, admin: Actor, userId: string, role: Role): Promise<Account> {
  assertUserId("userId", userId);
  return db.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: userId } });
    if (!account) throw notFound("User", userId);
    if (account.roles.includes(role)) return account;
    const updated = await tx.account.update({ where: { id: userId }, data: { roles: { push: role } } });
    await publishAuthAdminAction(tx, admin, {
      action: "grant_role",
      subjectType: "User",
      subjectId: userId,
      details: { role },
    });
    return updated;
  });
}
