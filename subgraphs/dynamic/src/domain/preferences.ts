import { badInput } from "@health/platform/errors";
import type { DynamicDb, DynamicTx } from "../db.ts";
import { type ActivityType, HEALTH_DERIVED_TYPES } from "./activityKinds.ts";
import type { FeedCache } from "./feedCache.ts";
import { type FeedTopic, parseTopics } from "./topics.ts";

export interface FeedPreferencesView {
  mutedTopics: FeedTopic[];
  boostedTopics: FeedTopic[];
  /** Health-derived activity types shared with followers; none until the user opts in. */
  sharedHealthActivities: ActivityType[];
  /** Grows with every change (0: never set); part of the feed cache key. */
  version: number;
  updatedAt: Date | null;
}

export const DEFAULT_PREFERENCES: FeedPreferencesView = {
  mutedTopics: [],
  boostedTopics: [],
  sharedHealthActivities: [],
  version: 0,
  updatedAt: null,
};

export interface SetFeedPreferencesCommand {
  /** Omitted or null: keep the current list. */
  mutedTopics?: readonly string[] | null;
  boostedTopics?: readonly string[] | null;
  sharedHealthActivities?: readonly string[] | null;
}

type DecidedPreferences = Pick<
  FeedPreferencesView,
  "mutedTopics" | "boostedTopics" | "sharedHealthActivities"
>;

/** Health-derived types only, each once. */
export function parseSharedHealthKinds(values: readonly string[], field: string): ActivityType[] {
  const unknown = values.filter((value) => !(HEALTH_DERIVED_TYPES as readonly string[]).includes(value));
  if (unknown.length > 0) {
    throw badInput(
      field,
      `Only health-derived activities are shared by choice (${HEALTH_DERIVED_TYPES.join(", ")}); not: ${unknown.join(", ")}.`,
    );
  }
  return HEALTH_DERIVED_TYPES.filter((type) => values.includes(type));
}

/** Known topics and kinds only, and no topic both muted and boosted. Pure. */
export function decidePreferences(
  current: DecidedPreferences,
  input: SetFeedPreferencesCommand,
): DecidedPreferences {
  const mutedTopics = input.mutedTopics
    ? parseTopics(input.mutedTopics, "input.mutedTopics")
    : current.mutedTopics;
  const boostedTopics = input.boostedTopics
    ? parseTopics(input.boostedTopics, "input.boostedTopics")
    : current.boostedTopics;
  const sharedHealthActivities = input.sharedHealthActivities
    ? parseSharedHealthKinds(input.sharedHealthActivities, "input.sharedHealthActivities")
    : current.sharedHealthActivities;
  const both = boostedTopics.filter((topic) => mutedTopics.includes(topic));
  if (both.length > 0) {
    throw badInput(
      input.boostedTopics ? "input.boostedTopics" : "input.mutedTopics",
      `A topic cannot be muted and boosted at once: ${both.join(", ")}.`,
    );
  }
  return { mutedTopics, boostedTopics, sharedHealthActivities };
}

const view = (row: {
  mutedTopics: string[];
  boostedTopics: string[];
  sharedHealthKinds: string[];
  version: number;
  updatedAt: Date;
}): FeedPreferencesView => ({
  mutedTopics: parseTopics(row.mutedTopics, "mutedTopics"),
  boostedTopics: parseTopics(row.boostedTopics, "boostedTopics"),
  sharedHealthActivities: parseSharedHealthKinds(row.sharedHealthKinds, "sharedHealthKinds"),
  version: row.version,
  updatedAt: row.updatedAt,
});

export async function getFeedPreferences(db: DynamicDb, userId: string): Promise<FeedPreferencesView> {
  const row = await db.feedPreferences.findUnique({ where: { userId } });
  return row ? view(row) : DEFAULT_PREFERENCES;
}

/**
 * The health-derived kinds `userId` shares with followers, read where a new activity is recorded.
 * FOR SHARE holds a concurrent `setFeedPreferences` until the activity commits, so a withdrawal
 * always finds (and makes PRIVATE) an activity recorded under the old choice.
 */
export async function sharedHealthKindsOf(tx: DynamicTx, userId: string): Promise<ActivityType[]> {
  const rows = await tx.$queryRaw<Array<{ shared_health_kinds: string[] }>>`
    SELECT shared_health_kinds FROM feed_preferences WHERE user_id = ${userId}::uuid FOR SHARE`;
  return parseSharedHealthKinds(rows[0]?.shared_health_kinds ?? [], "sharedHealthKinds");
}

/**
 * Replaces the caller's preferences (the lists given) and bumps their version, which retires every
 * cached page of their feed (the version is in the cache key). A health kind no longer shared is
 * taken back: its past activities become PRIVATE and the followers' cached feeds are retired once
 * this commits. A kind newly shared applies to activities from now on, never to the past.
 */
export async function setFeedPreferences(
  deps: { db: DynamicDb; feedCache: FeedCache },
  userId: string,
  input: SetFeedPreferencesCommand,
): Promise<FeedPreferencesView> {
  const { saved, followersToRefresh } = await deps.db.$transaction(async (tx) => {
    const row = await tx.feedPreferences.findUnique({ where: { userId } });
    const current = row ? view(row) : DEFAULT_PREFERENCES;
    const next = decidePreferences(current, input);
    const data = {
      mutedTopics: next.mutedTopics,
      boostedTopics: next.boostedTopics,
      sharedHealthKinds: next.sharedHealthActivities,
    };
    const saved = await tx.feedPreferences.upsert({
      where: { userId },
      create: { userId, ...data, version: 1 },
      update: { ...data, version: { increment: 1 } },
    });
    const withdrawn = current.sharedHealthActivities.filter(
      (type) => !next.sharedHealthActivities.includes(type),
    );
    return { saved, followersToRefresh: await withdrawSharing(tx, userId, withdrawn) };
  });
  await deps.feedCache.invalidate(followersToRefresh);
  return view(saved);
}

/** Makes `userId`'s activities of `types` PRIVATE again; returns whose feeds could show them. */
async function withdrawSharing(tx: DynamicTx, userId: string, types: ActivityType[]): Promise<string[]> {
  if (types.length === 0) return [];
  const { count } = await tx.activity.updateMany({
    where: { actorId: userId, type: { in: types }, visibility: { not: "PRIVATE" } },
    data: { visibility: "PRIVATE" },
  });
  if (count === 0) return [];
  const followers = await tx.follow.findMany({ where: { followeeId: userId }, select: { followerId: true } });
  return followers.map((follow) => follow.followerId);
}
