import type { BizTx } from "../../db.ts";
import type { FollowChangeKind } from "../../generated/prisma/client.ts";

/** One of dynamic's follow events, as the workbench keeps it. */
export interface FollowChange {
  eventId: string;
  coachId: string;
  followerId: string;
  kind: FollowChangeKind;
  at: Date;
}

/**
 * user_followed / user_unfollowed: the change is logged once per event (the per-day counts) and the
 * pair's current state follows the latest event, ordered by (time, event id): one statement decides it
 * under the row's lock, so a redelivered, late or racing event never overwrites a newer one.
 */
export async function recordFollowChange(tx: BizTx, change: FollowChange): Promise<void> {
  await tx.workbenchFollowChange.createMany({ data: [change], skipDuplicates: true });
  const following = change.kind === "FOLLOWED";
  await tx.$executeRaw`
    INSERT INTO workbench_followers (coach_id, follower_id, following, changed_at, event_id)
    VALUES (${change.coachId}::uuid, ${change.followerId}::uuid, ${following}, ${change.at}, ${change.eventId}::uuid)
    ON CONFLICT (coach_id, follower_id) DO UPDATE
      SET following = EXCLUDED.following, changed_at = EXCLUDED.changed_at, event_id = EXCLUDED.event_id
      WHERE (workbench_followers.changed_at, workbench_followers.event_id)
          < (EXCLUDED.changed_at, EXCLUDED.event_id)`;
}
