import type { Actor } from "@health/platform/auth";
import { forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { UserDb } from "../../db.ts";
import type { HealthDataAccessLog } from "../../generated/prisma/client.ts";
import { pageSizeOf } from "../pagination.ts";
import { canReadAccessLog } from "./rules.ts";

/** Who read an owner's health data, newest first: for the owner and admins. */
export function healthDataAccessLog(
  db: UserDb,
  actor: Actor,
  ownerId: string,
  first: number | null | undefined,
): Promise<HealthDataAccessLog[]> {
  uuidArg(ownerId, "userId", "a user id");
  if (!canReadAccessLog(actor, ownerId)) {
    throw forbidden("Only the owner or an admin may read who accessed this health data.");
  }
  return db.healthDataAccessLog.findMany({
    where: { ownerId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: pageSizeOf(first),
  });
}
