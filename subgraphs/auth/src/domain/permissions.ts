import type { Actor } from "@health/platform/auth";
import { forbidden, notFound } from "@health/platform/errors";
import type { AuthDb } from "../db.ts";
import type { Role } from "../generated/prisma/client.ts";

export interface AccountPermissions {
  userId: string;
  roles: Role[];
  permissions: string[];
}

/** The roles and permissions of `userId`; visible to that user and to admins. */
export async function permissionsOf(db: AuthDb, actor: Actor, userId: string): Promise<AccountPermissions> {
  if (actor.userId !== userId && !actor.roles.includes("admin"))
    throw forbidden("You may only look up your own permissions.");
  const account = await db.account.findUnique({ where: { id: userId }, select: { id: true, roles: true } });
  if (!account) throw notFound("User", userId);
  const rows = await db.rolePermission.findMany({
    where: { role: { in: account.roles } },
    orderBy: { permission: "asc" },
  });
  return { userId, roles: account.roles, permissions: [...new Set(rows.map((row) => row.permission))] };
}
