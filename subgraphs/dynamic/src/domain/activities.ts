import { erasedAmongLocked } from "@health/platform/privacy";
import type { DynamicTx } from "../db.ts";
import { type Activity, Prisma } from "../generated/prisma/client.ts";
import { type ActivityInput, describeActivity } from "./activityInput.ts";
import { isHealthDerived } from "./activityKinds.ts";
import { announceActivity, type FeedAnnouncer } from "./feedUpdates.ts";
import { sharedHealthKindsOf } from "./preferences.ts";

/** Runs `effect` once the caller's transaction committed (never if it rolls back): the consumer's hook. */
export type AfterCommit = (effect: () => Promise<void>) => void;

/**
 * Records the activity an event describes, in the consumer's transaction. The event's id is unique
 * among activities, so a second copy of an event (a redelivery that slipped past the inbox, or the
 * same envelope published twice) finds the row there and changes nothing. Once the transaction commits,
 * the users whose feed shows it get their cache invalidated and a `feedUpdated` message.
 */
export async function recordActivity(
  tx: DynamicTx,
  announcer: FeedAnnouncer,
  afterCommit: AfterCommit,
  event: ActivityInput | null,
): Promise<Activity | null> {
  const input = await withoutErased(tx, event);
  if (!input) return null;
  const shared = isHealthDerived(input.type) ? await sharedHealthKindsOf(tx, input.actorId) : [];
  const [activity] = await tx.activity.createManyAndReturn({
    data: [describeActivity(input, shared)],
    skipDuplicates: true,
  });
  if (!activity) return null;
  const audience = await feedAudience(tx, activity);
  afterCommit(() => announceActivity(announcer, audience, activity));
  return activity;
}

/**
 * An event about someone already erased (in flight while they were) makes nothing of them: no activity
 * of theirs, and another person's activity does not name them as its target.
 */
async function withoutErased(tx: DynamicTx, input: ActivityInput | null): Promise<ActivityInput | null> {
  if (!input) return null;
  const erased = await erasedAmongLocked(tx, [
    input.actorId,
    ...(input.targetUserId ? [input.targetUserId] : []),
  ]);
  if (erased.has(input.actorId)) return null;
  return input.targetUserId && erased.has(input.targetUserId) ? { ...input, targetUserId: null } : input;
}

/**
 * Whose feed shows `activity`: its actor, and unless it is PRIVATE their followers; minus anyone who
 * muted its topic.
 */
export async function feedAudience(tx: DynamicTx, activity: Activity): Promise<string[]> {
  const followers =
    activity.visibility === "PRIVATE"
      ? Prisma.empty
      : Prisma.sql`UNION SELECT follower_id FROM follows WHERE followee_id = ${activity.actorId}::uuid`;
  const rows = await tx.$queryRaw<Array<{ user_id: string }>>(Prisma.sql`
    SELECT audience.user_id::text AS user_id
    FROM (SELECT ${activity.actorId}::uuid AS user_id ${followers}) audience
    WHERE NOT EXISTS (
      SELECT 1 FROM feed_preferences p
      WHERE p.user_id = audience.user_id AND ${activity.topic} = ANY(p.muted_topics)
    )`);
  return rows.map((row) => row.user_id);
}
