import { notFound } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import type { DynamicDb } from "../db.ts";
import type { Activity } from "../generated/prisma/client.ts";
import { canSee } from "./visibility.ts";

/**
 * The viewer likes an activity they can see (anything else is NOT_FOUND). Idempotent per user: the
 * like row's key is (activity, user), and the counter moves only when a row was inserted.
 */
export async function likeActivity(db: DynamicDb, viewerId: string, activityId: string): Promise<Activity> {
  if (!isUuid(activityId)) throw notFound("Activity", activityId);
  return db.$transaction(async (tx) => {
    const activity = await tx.activity.findUnique({ where: { id: activityId } });
    const follows =
      activity?.visibility === "FOLLOWERS" && activity.actorId !== viewerId
        ? (await tx.follow.count({ where: { followerId: viewerId, followeeId: activity.actorId } })) > 0
        : false;
    if (!activity || !canSee(viewerId, activity, follows)) throw notFound("Activity", activityId);
    const { count } = await tx.activityLike.createMany({
      data: [{ activityId, userId: viewerId }],
      skipDuplicates: true,
    });
    if (count === 0) return activity;
    return tx.activity.update({ where: { id: activityId }, data: { likeCount: { increment: 1 } } });
  });
}
