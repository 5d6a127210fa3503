import type { FeedTopic } from "./topics.ts";

/**
 * Feed rank: recency with a boost window. An activity ranks at `occurredAt`, or `occurredAt + 6 h` when
 * its topic is one the user boosts: a boosted activity outranks ordinary ones up to six hours newer,
 * and still yields to anything newer than that. Muted topics are left out entirely. Ties break by id.
 */
export const BOOST_WINDOW_MS = 6 * 3600_000;

export function feedRankAt(occurredAt: Date, topic: string, boosted: readonly FeedTopic[]): Date {
  const boost = (boosted as readonly string[]).includes(topic) ? BOOST_WINDOW_MS : 0;
  return new Date(occurredAt.getTime() + boost);
}

export interface Rankable {
  id: string;
  topic: string;
  occurredAt: Date;
}

/** The feed's order in code (the query does the same in SQL): muted out, then rank desc, id desc. */
export function rankFeed<T extends Rankable>(
  items: readonly T[],
  prefs: { mutedTopics: readonly FeedTopic[]; boostedTopics: readonly FeedTopic[] },
): Array<T & { rankAt: Date }> {
  return items
    .filter((item) => !(prefs.mutedTopics as readonly string[]).includes(item.topic))
    .map((item) => ({ ...item, rankAt: feedRankAt(item.occurredAt, item.topic, prefs.boostedTopics) }))
    .sort((a, b) => b.rankAt.getTime() - a.rankAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * Trending score: time-decayed engagement, `(likes + 2·comments + 1) / (ageHours + 2)^1.5`. The +1
 * lets a fresh activity with no engagement yet rank by age; +2 hours keeps a brand-new one from
 * dividing by almost zero; the 1.5 power makes yesterday's hit yield to today's.
 */
export const TRENDING_GRAVITY = 1.5;
export const TRENDING_AGE_OFFSET_HOURS = 2;

export function trendingScore(
  activity: { likeCount: number; commentCount: number; occurredAt: Date },
  now: Date,
): number {
  const ageHours = Math.max(0, now.getTime() - activity.occurredAt.getTime()) / 3600_000;
  const engagement = activity.likeCount + 2 * activity.commentCount + 1;
  return engagement / (ageHours + TRENDING_AGE_OFFSET_HOURS) ** TRENDING_GRAVITY;
}
