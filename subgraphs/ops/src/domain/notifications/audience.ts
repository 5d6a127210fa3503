import type { OpsTx } from "../../db.ts";

/** Records users ops saw in an event (ALL_USERS), marking coaches (COACHES); a user once a coach stays one. */
export async function recordAudience(tx: OpsTx, seen: { users: string[]; coaches: string[] }): Promise<void> {
  const coaches = [...new Set(seen.coaches)];
  const users = [...new Set(seen.users)].filter((id) => !coaches.includes(id));
  if (users.length > 0) {
    await tx.notificationAudience.createMany({
      data: users.map((userId) => ({ userId })),
      skipDuplicates: true,
    });
  }
  for (const userId of coaches) {
    await tx.notificationAudience.upsert({
      where: { userId },
      create: { userId, isCoach: true },
      update: { isCoach: true },
    });
  }
}

/** One of dynamic's follow events, as notifications keep it. */
export interface FollowChange {
  eventId: string;
  followeeId: string;
  followerId: string;
  following: boolean;
  at: Date;
}

/**
 * user_followed / user_unfollowed: the pair's state follows the latest event by (time, event id), decided
 * in one statement under the row's lock, so a late or redelivered event never overwrites a newer one.
 */
export async function recordFollow(tx: OpsTx, change: FollowChange): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO notification_follows (followee_id, follower_id, following, changed_at, event_id)
    VALUES (${change.followeeId}::uuid, ${change.followerId}::uuid, ${change.following}, ${change.at}, ${change.eventId}::uuid)
    ON CONFLICT (followee_id, follower_id) DO UPDATE
      SET following = EXCLUDED.following, changed_at = EXCLUDED.changed_at, event_id = EXCLUDED.event_id
      WHERE (notification_follows.changed_at, notification_follows.event_id)
          < (EXCLUDED.changed_at, EXCLUDED.event_id)`;
}
