import type { Redis } from "ioredis";

/** The first page of a feed as ranked: activity ids only, so counters (likes) are always read fresh. */
export interface CachedFeedPage {
  ids: string[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface FeedCacheLookup {
  hit: CachedFeedPage | null;
  /** Stores the page computed on a miss, under the generation read before the database was. */
  store(page: CachedFeedPage): Promise<void>;
}

export interface FeedCache {
  lookup(userId: string, preferencesVersion: number, size: number): Promise<FeedCacheLookup>;
  /** Makes every cached page of these users unreachable (after the change that affects them commits). */
  invalidate(userIds: readonly string[]): Promise<void>;
}

export interface FeedCacheOptions {
  /** How long a cached first page lives. Default 60 s. */
  ttlSeconds?: number;
}

const GENERATION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Redis cache of feeds' first pages. A page's key holds the user, their preferences version, a
 * per-user generation and the page size: `feed:<user>:p<version>:g<generation>:n<size>`. Invalidating
 * increments the generation instead of deleting pages, so a reader that computed its page from the
 * database before a change committed can only store it under the old generation, which nobody reads
 * again: no stale page survives an invalidation, whatever the interleaving.
 */
export function createFeedCache(redis: Redis, options: FeedCacheOptions = {}): FeedCache {
  const ttl = options.ttlSeconds ?? 60;
  const generationKey = (userId: string) => `feedgen:${userId}`;
  return {
    lookup: async (userId, preferencesVersion, size) => {
      const generation = (await redis.get(generationKey(userId))) ?? "0";
      const key = `feed:${userId}:p${preferencesVersion}:g${generation}:n${size}`;
      const cached = await redis.get(key);
      return {
        hit: cached ? (JSON.parse(cached) as CachedFeedPage) : null,
        store: async (page) => {
          await redis.set(key, JSON.stringify(page), "EX", ttl);
        },
      };
    },
    invalidate: async (userIds) => {
      if (userIds.length === 0) return;
      const pipeline = redis.pipeline();
      for (const userId of new Set(userIds)) {
        pipeline.incr(generationKey(userId)).expire(generationKey(userId), GENERATION_TTL_SECONDS);
      }
      await pipeline.exec();
    },
  };
}
