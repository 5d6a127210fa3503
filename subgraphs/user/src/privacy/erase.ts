import type { SqlExecutor } from "@health/platform/events";
import type { ErasedSubject, ErasedTable } from "@health/platform/privacy";
import { deleted, rememberErasure } from "@health/platform/privacy";
import { asUserTx } from "./collect.ts";

/**
 * Erases the person per `USER_TABLES`: their health data, devices, goals, assessments and every consent
 * they gave or were given go; their reads of other people's data stay in the access log under the
 * tombstone id. Remembers the erasure (a hash) so their `User` resolves to nothing afterwards.
 * Idempotent: a second run finds nothing and counts zeros.
 */
export async function eraseUser(sql: SqlExecutor, subject: ErasedSubject): Promise<ErasedTable[]> {
  const tx = asUserTx(sql);
  const { userId, tombstoneId } = subject;
  const own = { where: { userId } };
  const tables = [
    deleted("health_records", (await tx.healthRecord.deleteMany(own)).count),
    deleted("health_actions", (await tx.healthAction.deleteMany(own)).count),
    deleted("health_goals", (await tx.healthGoal.deleteMany(own)).count),
    deleted("device_bindings", (await tx.deviceBinding.deleteMany(own)).count),
    deleted("assessments", (await tx.assessment.deleteMany(own)).count),
    deleted(
      "consent_grants",
      (await tx.consentGrant.deleteMany({ where: { OR: [{ ownerId: userId }, { coachId: userId }] } })).count,
    ),
    deleted("ai_consent_grants", (await tx.aiConsentGrant.deleteMany({ where: { ownerId: userId } })).count),
    deleted(
      "health_data_access_log",
      (await tx.healthDataAccessLog.deleteMany({ where: { ownerId: userId } })).count,
    ),
    {
      table: "health_data_access_log",
      action: "TOMBSTONED" as const,
      rows: (
        await tx.healthDataAccessLog.updateMany({
          where: { actorId: userId },
          data: { actorId: tombstoneId },
        })
      ).count,
    },
  ];
  await rememberErasure(tx, userId);
  return tables;
}
