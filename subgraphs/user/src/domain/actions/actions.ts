import type { Actor } from "@health/platform/auth";
import type { UserDb } from "../../db.ts";
import { publishHealthActionRecorded } from "../../events/userEvents.ts";
import type { HealthAction } from "../../generated/prisma/client.ts";
import { readOneHealthData } from "../access/healthData.ts";
import { visibleActionTypes } from "../access/revealedMetrics.ts";
import { pageSizeOf } from "../pagination.ts";
import { type RecordHealthActionCommand, validateHealthAction } from "./rules.ts";

/** Stores the caller's action and its `health_action_recorded` event in one transaction. */
export function recordHealthAction(
  db: UserDb,
  actor: Actor,
  input: RecordHealthActionCommand,
  now: Date,
): Promise<HealthAction> {
  const action = validateHealthAction(input, now);
  return db.$transaction(async (tx) => {
    const saved = await tx.healthAction.create({ data: { userId: actor.userId, ...action } });
    await publishHealthActionRecorded(tx, actor, saved, now);
    return saved;
  });
}

/** One owner's newest actions; a coach sees the types whose metrics their grants cover (`ACTION_METRICS`). */
export function listHealthActions(
  db: UserDb,
  actor: Actor,
  ownerId: string,
  first: number | null | undefined,
  now: Date,
): Promise<HealthAction[]> {
  const take = pageSizeOf(first);
  return readOneHealthData(db, actor, { ownerId, resource: "HEALTH_ACTIONS" }, now, (tx, decision) =>
    tx.healthAction.findMany({
      where: {
        userId: ownerId,
        ...(decision.metrics ? { type: { in: visibleActionTypes(decision.metrics) } } : {}),
      },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take,
    }),
  );
}
