import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";
import type { UserTx } from "../db.ts";

/** The privacy consumer hands over the transaction client of our Prisma client (`connect.ts`). */
export const asUserTx = (tx: SqlExecutor): UserTx => tx as unknown as UserTx;

const byTime = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/**
 * Everything the user subgraph holds about `userId`, as they would read it: their health records (typed
 * and synced), actions, goals, devices, assessments, the consents they gave and those given to them as a
 * coach, and both sides of the access log (who read their data; whose data they read).
 */
export async function collectUser(sql: SqlExecutor, userId: string): Promise<ExportSections> {
  const tx = asUserTx(sql);
  const [records, actions, goals, devices, assessments, given, received, aiConsents, readsOfMe, readsByMe] =
    await Promise.all([
      tx.healthRecord.findMany({ where: { userId }, orderBy: [{ recordedAt: "asc" }, { id: "asc" }] }),
      tx.healthAction.findMany({ where: { userId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] }),
      tx.healthGoal.findMany({ where: { userId }, orderBy: byTime }),
      tx.deviceBinding.findMany({ where: { userId }, orderBy: [{ boundAt: "asc" }, { id: "asc" }] }),
      tx.assessment.findMany({ where: { userId }, orderBy: byTime }),
      tx.consentGrant.findMany({ where: { ownerId: userId }, orderBy: byTime }),
      tx.consentGrant.findMany({ where: { coachId: userId, NOT: { ownerId: userId } }, orderBy: byTime }),
      tx.aiConsentGrant.findMany({ where: { ownerId: userId }, orderBy: byTime }),
      tx.healthDataAccessLog.findMany({ where: { ownerId: userId }, orderBy: { id: "asc" } }),
      tx.healthDataAccessLog.findMany({
        where: { actorId: userId, NOT: { ownerId: userId } },
        orderBy: { id: "asc" },
      }),
    ]);
  return {
    healthRecords: records.map(({ userId: _, value, ...record }) => ({ ...record, value: Number(value) })),
    healthActions: actions.map(({ userId: _, ...action }) => action),
    healthGoals: goals.map(({ userId: _, target, ...goal }) => ({ ...goal, target: Number(target) })),
    deviceBindings: devices.map(({ userId: _, ...device }) => device),
    assessments: assessments.map(({ userId: _, bmi, ...assessment }) => ({
      ...assessment,
      bmi: Number(bmi),
    })),
    consentGrantsGiven: given.map(({ ownerId: _, ...grant }) => grant),
    consentGrantsReceived: received.map(({ coachId: _, ...grant }) => grant),
    aiConsents: aiConsents.map(({ ownerId: _, ...consent }) => consent),
    accessLog: readsOfMe.map(({ ownerId: _, ...entry }) => entry),
    accessesByMe: readsByMe.map(({ actorId: _, ...entry }) => entry),
  };
}
