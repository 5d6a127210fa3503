import type { PubSub } from "type-graphql";
import type { Activity } from "../generated/prisma/client.ts";
import type { FeedCache } from "./feedCache.ts";

/** The `feedUpdated` routing key: one subject per recipient, `feed.updated.<userId>`. */
export const FEED_UPDATED = "feed.updated";

/** An activity as it travels to subscribers (JSON: times as ISO strings). */
export type ActivitySnapshot = Omit<Activity, "occurredAt" | "createdAt"> & {
  occurredAt: string;
  createdAt: string;
};

export interface FeedUpdatedMessage {
  recipientId: string;
  activity: ActivitySnapshot;
}

export const snapshotOf = (activity: Activity): ActivitySnapshot => ({
  ...activity,
  occurredAt: activity.occurredAt.toISOString(),
  createdAt: activity.createdAt.toISOString(),
});

export const activityOf = (snapshot: ActivitySnapshot): Activity => ({
  ...snapshot,
  occurredAt: new Date(snapshot.occurredAt),
  createdAt: new Date(snapshot.createdAt),
});

export interface FeedAnnouncer {
  feedCache: FeedCache;
  pubSub: PubSub;
}

/**
 * Tells the users who see a new activity in their feed: their cached first page is invalidated and
 * each gets a `feedUpdated` message. Called only after the activity committed, so a subscriber never
 * hears of an activity the feed query cannot return yet.
 */
export async function announceActivity(
  announcer: FeedAnnouncer,
  audience: readonly string[],
  activity: Activity,
): Promise<void> {
  await announcer.feedCache.invalidate(audience);
  const snapshot = snapshotOf(activity);
  for (const recipientId of audience) {
    const message: FeedUpdatedMessage = { recipientId, activity: snapshot };
    announcer.pubSub.publish(FEED_UPDATED, recipientId, message);
  }
}
