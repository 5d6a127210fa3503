import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import type { UserDb } from "../../db.ts";
import { publishDeviceDataSynced, publishGoalsAchieved } from "../../events/userEvents.ts";
import type { DeviceBinding, HealthRecord } from "../../generated/prisma/client.ts";
import type { GoalView } from "../goals/goals.ts";
import { markAchievedGoals } from "../records/records.ts";
import { latestPerMetric, type SyncDeviceDataCommand, validateDeviceSync } from "./syncRules.ts";

export interface DeviceSyncResult {
  deviceBinding: DeviceBinding;
  /** Newest first. */
  records: HealthRecord[];
  achievedGoals: GoalView[];
}

/**
 * Stores a batch of readings from one of the caller's bound devices in one transaction, marks the goals
 * they achieve, and publishes one `device_data_synced` (plus `goal_achieved` per goal) with them.
 * Someone else's binding is reported as not found.
 */
export async function syncDeviceData(
  db: UserDb,
  actor: Actor,
  input: SyncDeviceDataCommand,
  now: Date,
): Promise<DeviceSyncResult> {
  if (!isUuid(input.deviceBindingId)) throw notFound("Device binding", input.deviceBindingId);
  const readings = validateDeviceSync(input, now);
  return db.$transaction(async (tx) => {
    const deviceBinding = await tx.deviceBinding.findFirst({
      where: { id: input.deviceBindingId, userId: actor.userId },
    });
    if (!deviceBinding) throw notFound("Device binding", input.deviceBindingId);
    const records = await tx.healthRecord.createManyAndReturn({
      data: readings.map((reading) => ({ userId: actor.userId, ...reading })),
    });
    const achievedGoals: GoalView[] = [];
    for (const [metric, at] of latestPerMetric(readings)) {
      achievedGoals.push(...(await markAchievedGoals(tx, actor.userId, metric, at, now)));
    }
    await publishGoalsAchieved(tx, actor, achievedGoals, now);
    await publishDeviceDataSynced(
      tx,
      actor,
      { deviceBindingId: deviceBinding.id, recordCount: records.length },
      now,
    );
    records.sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime() || b.id.localeCompare(a.id));
    return { deviceBinding, records, achievedGoals };
  });
}
