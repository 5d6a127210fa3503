import type { Actor } from "@health/platform/auth";
import { badInput, forbidden } from "@health/platform/errors";
import type { UserDb } from "../db.ts";
import type { HealthDataAccessLog } from "../generated/prisma/client.ts";
import { canReadAccessLog } from "./access.ts";
import { isUuid } from "./ids.ts";
import { pageSizeOf } from "./pagination.ts";

/** Who read an owner's health data, newest first: for the owner and admins. */
export function healthDataAccessLog(
  db: UserDb,
  actor: Actor,
  ownerId: string,
  first: number | null | undefined,
): Promise<HealthDataAccessLog[]> {
  if (!isUuid(ownerId)) throw badInput("userId", `userId must be a user id (uuid); got "${ownerId}".`);
  if (!canReadAccessLog(actor, ownerId)) {
    throw forbidden("Only the owner or an admin may read who accessed this health data.");
  }
  return db.healthDataAccessLog.findMany({
    where: { ownerId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: pageSizeOf(first),
  });
}
