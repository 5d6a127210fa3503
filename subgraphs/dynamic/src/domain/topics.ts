import { badInput } from "@health/platform/errors";

/** What an activity is about; users mute or boost these in their feed preferences. */
export const FEED_TOPICS = [
  "health",
  "orders",
  "content",
  "community",
  "live",
  "shop",
  "finance",
  "business",
] as const;
export type FeedTopic = (typeof FEED_TOPICS)[number];

export const isFeedTopic = (value: string): value is FeedTopic =>
  (FEED_TOPICS as readonly string[]).includes(value);

export const MAX_TOPICS = FEED_TOPICS.length;

/**
 * Checks a list of topics from a client: each must be a known topic (BAD_USER_INPUT naming
 * `<field>[i]`); duplicates collapse; the result is in the order of `FEED_TOPICS`.
 */
export function parseTopics(values: readonly string[], field: string): FeedTopic[] {
  const found = new Set<FeedTopic>();
  values.forEach((raw, index) => {
    const value = raw.trim().toLowerCase();
    if (!isFeedTopic(value)) {
      throw badInput(
        `${field}[${index}]`,
        `${field}[${index}] must be one of ${FEED_TOPICS.join(", ")}; got "${raw}".`,
      );
    }
    found.add(value);
  });
  return FEED_TOPICS.filter((topic) => found.has(topic));
}
