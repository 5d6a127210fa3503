import type { DynamicDb } from "../db.ts";
import { type Activity, Prisma } from "../generated/prisma/client.ts";
import { isHealthDerived } from "./activityKinds.ts";
import { pageSizeOf } from "./pagination.ts";

export interface SharedActivityReadView {
  activity: Activity;
  readerId: string;
  firstReadAt: Date;
  lastReadAt: Date;
  reads: number;
}

/**
 * Logs that `readerId` was shown whichever of `activities` are health-derived and someone else's
 * (only possible when their owner shared that kind). Awaited before the read answers: a read that
 * cannot be logged fails, as reads of health records do in the user subgraph.
 */
export async function logSharedReads(
  db: DynamicDb,
  readerId: string | null,
  activities: readonly Activity[],
): Promise<void> {
  if (readerId === null) return;
  const shown = activities.filter((a) => isHealthDerived(a.type) && a.actorId !== readerId);
  if (shown.length === 0) return;
  await db.$executeRaw(Prisma.sql`
    INSERT INTO shared_activity_reads (activity_id, reader_id, owner_id)
    SELECT activity_id, ${readerId}::uuid, owner_id
    FROM unnest(${shown.map((a) => a.id)}::uuid[], ${shown.map((a) => a.actorId)}::uuid[]) AS s(activity_id, owner_id)
    ON CONFLICT (activity_id, reader_id)
      DO UPDATE SET last_read_at = now(), reads = shared_activity_reads.reads + 1`);
}

/** Who was shown `ownerId`'s shared health activities, most recent read first. */
export async function sharedReadsOf(
  db: DynamicDb,
  ownerId: string,
  first: number | null | undefined,
): Promise<SharedActivityReadView[]> {
  const rows = await db.sharedActivityRead.findMany({
    where: { ownerId },
    orderBy: [{ lastReadAt: "desc" }, { readerId: "desc" }],
    take: pageSizeOf(first),
  });
  const activities = await db.activity.findMany({ where: { id: { in: rows.map((r) => r.activityId) } } });
  const byId = new Map(activities.map((a) => [a.id, a]));
  return rows.flatMap((row) => {
    const activity = byId.get(row.activityId);
    return activity ? [{ ...row, activity }] : [];
  });
}
