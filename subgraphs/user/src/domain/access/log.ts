import type { Actor } from "@health/platform/auth";
import { forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { UserDb, UserTx } from "../../db.ts";
import { publishHealthDataAccessed } from "../../events/healthDataAccessed.ts";
import type { HealthDataAccessLog, Prisma } from "../../generated/prisma/client.ts";
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

/**
 * Appends access-log rows in the caller's transaction, and for each read by someone other than the owner
 * or through ai, a health_data_accessed event (no health value) in the same transaction, so ops's audit
 * log shows every coach, admin and ai read (issue 12).
 */
export async function writeAccessLog(
  tx: UserTx,
  rows: Prisma.HealthDataAccessLogCreateManyInput[],
): Promise<void> {
  if (rows.length === 0) return;
  const written = await tx.healthDataAccessLog.createManyAndReturn({ data: rows });
  for (const row of written) {
    if (row.actorId !== row.ownerId || row.via !== null) await publishHealthDataAccessed(tx, row);
  }
}
