import { deviceDataSyncedV1, goalAchievedV1, healthActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { publishEvent, type SqlExecutor } from "@health/platform/events";
import type { GoalView } from "../domain/goals/goals.ts";
import type { HealthAction } from "../generated/prisma/client.ts";

// What this subgraph tells the platform, each written to the outbox inside the caller's transaction:
// the event commits with the write that caused it, or neither does (../shared/design/ARCHITECTURE.md rule 3). Events are
// about the user (aggregateId), caused by the caller (actorId); both are the caller here.

export function publishHealthActionRecorded(tx: SqlExecutor, actor: Actor, action: HealthAction, now: Date) {
  return publishEvent(
    tx,
    healthActionRecordedV1,
    {
      actionId: action.id,
      userId: action.userId,
      type: action.type,
      durationMinutes: action.durationMinutes,
      occurredAt: action.occurredAt.toISOString(),
    },
    { aggregateId: action.userId, actorId: actor.userId, occurredAt: now },
  );
}

/** One `goal_achieved` per goal a write achieved. */
export async function publishGoalsAchieved(
  tx: SqlExecutor,
  actor: Actor,
  goals: readonly GoalView[],
  now: Date,
): Promise<void> {
  for (const goal of goals) {
    await publishEvent(
      tx,
      goalAchievedV1,
      {
        goalId: goal.id,
        userId: goal.userId,
        metric: goal.metric,
        target: Number(goal.target),
        achievedAt: (goal.achievedAt ?? now).toISOString(),
      },
      { aggregateId: goal.userId, actorId: actor.userId, occurredAt: now },
    );
  }
}

export function publishDeviceDataSynced(
  tx: SqlExecutor,
  actor: Actor,
  sync: { deviceBindingId: string; recordCount: number },
  now: Date,
) {
  return publishEvent(
    tx,
    deviceDataSyncedV1,
    {
      userId: actor.userId,
      deviceBindingId: sync.deviceBindingId,
      recordCount: sync.recordCount,
      syncedAt: now.toISOString(),
    },
    { aggregateId: actor.userId, actorId: actor.userId, occurredAt: now },
  );
}
