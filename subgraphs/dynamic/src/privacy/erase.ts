import type { SqlExecutor } from "@health/platform/events";
import type { ErasedSubject, ErasedTable } from "@health/platform/privacy";
import { rememberErasure } from "@health/platform/privacy";
import { asDynamicTx } from "./collect.ts";

/**
 * Erases the person per `DYNAMIC_TABLES`. Feeds are computed from activities and follows (only their
 * first pages are cached, `purgeOutside`), so deleting the person's activities takes them out of every
 * follower's feed, and deleting the follows corrects every follower and following count. Idempotent:
 * a second run finds nothing and counts zeros.
 */
export async function eraseDynamic(sql: SqlExecutor, subject: ErasedSubject): Promise<ErasedTable[]> {
  const tx = asDynamicTx(sql);
  const { userId, tombstoneId } = subject;
  // First: it waits for a late event's handler in flight (its shared lock) and turns away those after.
  await rememberErasure(tx, userId);
  // Their likes of other people's activities: each liked activity's counter drops by one first.
  await tx.$executeRaw`
    UPDATE activities a SET like_count = a.like_count - 1
    FROM activity_likes l
    WHERE l.activity_id = a.id AND l.user_id = ${userId}::uuid AND a.actor_id <> ${userId}::uuid`;
  const likes = await tx.activityLike.deleteMany({
    where: { OR: [{ userId }, { activity: { actorId: userId } }] },
  });
  const readsOfMine = await tx.sharedActivityRead.deleteMany({ where: { ownerId: userId } });
  const readsByMe = await tx.sharedActivityRead.updateMany({
    where: { readerId: userId },
    data: { readerId: tombstoneId },
  });
  const activities = await tx.activity.deleteMany({ where: { actorId: userId } });
  const targets = await tx.activity.updateMany({
    where: { targetUserId: userId },
    data: { targetUserId: null },
  });
  const follows = await tx.follow.deleteMany({
    where: { OR: [{ followerId: userId }, { followeeId: userId }] },
  });
  const preferences = await tx.feedPreferences.deleteMany({ where: { userId } });
  return [
    { table: "activity_likes", action: "DELETED", rows: likes.count },
    { table: "shared_activity_reads", action: "DELETED", rows: readsOfMine.count },
    { table: "shared_activity_reads", action: "TOMBSTONED", rows: readsByMe.count },
    { table: "activities", action: "DELETED", rows: activities.count },
    { table: "activities", action: "ANONYMISED", rows: targets.count },
    { table: "follows", action: "DELETED", rows: follows.count },
    { table: "feed_preferences", action: "DELETED", rows: preferences.count },
  ];
}
