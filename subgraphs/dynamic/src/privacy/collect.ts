import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";
import type { DynamicTx } from "../db.ts";

/** The privacy consumer hands over the transaction client of our Prisma client (`connect.ts`). */
export const asDynamicTx = (tx: SqlExecutor): DynamicTx => tx as unknown as DynamicTx;

const newestLast = [{ createdAt: "asc" as const }];

/**
 * Everything the dynamic subgraph holds about `userId`, as they would read it: their activities, other
 * people's activities that name them (ids and kind only: the summary is the other person's), whom they follow and who follows them (ids only), their likes, their
 * feed preferences, and who was shown their shared health activities (and whose they were shown).
 */
export async function collectDynamic(sql: SqlExecutor, userId: string): Promise<ExportSections> {
  const tx = asDynamicTx(sql);
  const byOccurrence = [{ occurredAt: "asc" as const }, { id: "asc" as const }];
  const [own, aboutMe, following, followers, likes, preferences, readsOfMine, readsByMe] = await Promise.all([
    tx.activity.findMany({ where: { actorId: userId }, orderBy: byOccurrence }),
    tx.activity.findMany({
      where: { targetUserId: userId, NOT: { actorId: userId } },
      orderBy: byOccurrence,
    }),
    tx.follow.findMany({ where: { followerId: userId }, orderBy: newestLast }),
    tx.follow.findMany({ where: { followeeId: userId }, orderBy: newestLast }),
    tx.activityLike.findMany({ where: { userId }, orderBy: newestLast }),
    tx.feedPreferences.findMany({ where: { userId } }),
    tx.sharedActivityRead.findMany({ where: { ownerId: userId }, orderBy: [{ firstReadAt: "asc" }] }),
    tx.sharedActivityRead.findMany({
      where: { readerId: userId, NOT: { ownerId: userId } },
      orderBy: [{ firstReadAt: "asc" }],
    }),
  ]);
  return {
    activities: own.map(({ actorId: _, sourceEventId: __, ...activity }) => activity),
    activitiesNamingMe: aboutMe.map((a) => ({
      id: a.id,
      actorId: a.actorId,
      type: a.type,
      occurredAt: a.occurredAt,
    })),
    following: following.map((f) => ({ userId: f.followeeId, since: f.createdAt })),
    followers: followers.map((f) => ({ userId: f.followerId, since: f.createdAt })),
    likes: likes.map((like) => ({ activityId: like.activityId, likedAt: like.createdAt })),
    feedPreferences: preferences.map(({ userId: _, ...prefs }) => prefs),
    sharedActivityReads: readsOfMine.map(({ ownerId: _, ...read }) => read),
    sharedActivitiesSeen: readsByMe.map(({ readerId: _, ...read }) => read),
  };
}
