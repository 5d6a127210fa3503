import type { DynamicDb } from "../db.ts";
import { type Activity, Prisma } from "../generated/prisma/client.ts";
import { followsEach } from "./follows.ts";
import { logSharedReads } from "./sharedReads.ts";
import { visibleLevels } from "./visibility.ts";

/** Per-parent key of `User.activities(first)`. */
export interface UserActivitiesKey {
  userId: string;
  first: number;
}

/**
 * The newest `first` activities of many users that `viewerId` may see (`visibility.ts`): PUBLIC; also
 * FOLLOWERS when the viewer follows that user; everything for the user themself. One query per page
 * size (the DataLoader batch behind `User.activities`).
 */
export async function activitiesOfUsers(
  db: DynamicDb,
  viewerId: string | null,
  keys: readonly UserActivitiesKey[],
): Promise<Activity[][]> {
  const owners = [...new Set(keys.map((k) => k.userId))];
  const followed = viewerId ? await followsEach(db, viewerId, owners) : owners.map(() => false);
  const levels = new Map(
    owners.map((owner, i) => [owner, visibleLevels(viewerId, owner, followed[i] ?? false)]),
  );
  const found = new Map<string, Activity[]>();
  for (const first of new Set(keys.map((k) => k.first))) {
    const visible = Prisma.join(
      owners.map(
        (owner) =>
          Prisma.sql`(actor_id = ${owner}::uuid AND visibility::text = ANY(${levels.get(owner) ?? []}::text[]))`,
      ),
      " OR ",
    );
    const ids = await db.$queryRaw<Array<{ id: string }>>(Prisma.sql`
      SELECT id::text AS id FROM (
        SELECT id, row_number() OVER (PARTITION BY actor_id ORDER BY occurred_at DESC, id DESC) AS n
        FROM activities WHERE ${visible}
      ) ranked WHERE n <= ${first}`);
    const rows = await db.activity.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    });
    await logSharedReads(db, viewerId, rows);
    for (const owner of owners)
      found.set(
        `${owner}|${first}`,
        rows.filter((r) => r.actorId === owner),
      );
  }
  return keys.map((key) => found.get(`${key.userId}|${key.first}`) ?? []);
}
