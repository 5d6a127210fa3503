import { badInput } from "@health/platform/errors";
import type { DynamicDb } from "../deps.ts";
import { type FeedTopic, parseTopics } from "./topics.ts";

export interface FeedPreferencesView {
  mutedTopics: FeedTopic[];
  boostedTopics: FeedTopic[];
  /** Grows with every change (0: never set); part of the feed cache key. */
  version: number;
  updatedAt: Date | null;
}

export const DEFAULT_PREFERENCES: FeedPreferencesView = {
  mutedTopics: [],
  boostedTopics: [],
  version: 0,
  updatedAt: null,
};

export interface SetFeedPreferencesCommand {
  /** Omitted or null: keep the current list. */
  mutedTopics?: readonly string[] | null;
  boostedTopics?: readonly string[] | null;
}

/** Known topics only, and no topic both muted and boosted. Pure. */
export function decidePreferences(
  current: Pick<FeedPreferencesView, "mutedTopics" | "boostedTopics">,
  input: SetFeedPreferencesCommand,
): { mutedTopics: FeedTopic[]; boostedTopics: FeedTopic[] } {
  const mutedTopics = input.mutedTopics
    ? parseTopics(input.mutedTopics, "input.mutedTopics")
    : current.mutedTopics;
  const boostedTopics = input.boostedTopics
    ? parseTopics(input.boostedTopics, "input.boostedTopics")
    : current.boostedTopics;
  const both = boostedTopics.filter((topic) => mutedTopics.includes(topic));
  if (both.length > 0) {
    throw badInput(
      input.boostedTopics ? "input.boostedTopics" : "input.mutedTopics",
      `A topic cannot be muted and boosted at once: ${both.join(", ")}.`,
    );
  }
  return { mutedTopics, boostedTopics };
}

const view = (row: {
  mutedTopics: string[];
  boostedTopics: string[];
  version: number;
  updatedAt: Date;
}): FeedPreferencesView => ({
  mutedTopics: parseTopics(row.mutedTopics, "mutedTopics"),
  boostedTopics: parseTopics(row.boostedTopics, "boostedTopics"),
  version: row.version,
  updatedAt: row.updatedAt,
});

export async function getFeedPreferences(db: DynamicDb, userId: string): Promise<FeedPreferencesView> {
  const row = await db.feedPreferences.findUnique({ where: { userId } });
  return row ? view(row) : DEFAULT_PREFERENCES;
}

/**
 * Replaces the caller's preferences (the lists given) and bumps their version, which retires every
 * cached page of their feed (the version is in the cache key).
 */
export async function setFeedPreferences(
  db: DynamicDb,
  userId: string,
  input: SetFeedPreferencesCommand,
): Promise<FeedPreferencesView> {
  return db.$transaction(async (tx) => {
    const current = await tx.feedPreferences.findUnique({ where: { userId } });
    const next = decidePreferences(current ? view(current) : DEFAULT_PREFERENCES, input);
    const saved = await tx.feedPreferences.upsert({
      where: { userId },
      create: { userId, ...next, version: 1 },
      update: { ...next, version: { increment: 1 } },
    });
    return view(saved);
  });
}
