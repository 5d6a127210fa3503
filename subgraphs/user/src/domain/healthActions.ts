import type { Actor } from "@health/platform/auth";
import type { UserDb } from "../deps.ts";
import type { HealthAction } from "../generated/prisma/client.ts";
import { type RecordHealthActionCommand, validateHealthAction } from "./actionRules.ts";
import { readOneHealthData } from "./healthDataAccess.ts";
import { pageSize } from "./pagination.ts";

export function recordHealthAction(
  db: UserDb,
  actor: Actor,
  input: RecordHealthActionCommand,
  now: Date,
): Promise<HealthAction> {
  const action = validateHealthAction(input, now);
  return db.healthAction.create({ data: { userId: actor.userId, ...action } });
}

/** One owner's newest actions; actions are not a metric, so a coach needs any live grant. */
export function listHealthActions(
  db: UserDb,
  actor: Actor,
  ownerId: string,
  first: number | null | undefined,
  now: Date,
): Promise<HealthAction[]> {
  const take = pageSize(first);
  return readOneHealthData(db, actor, { ownerId, resource: "HEALTH_ACTIONS" }, now, (tx) =>
    tx.healthAction.findMany({
      where: { userId: ownerId },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take,
    }),
  );
}
