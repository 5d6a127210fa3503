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
  /**
   * Deletes every key named after `userId` (their cached pages and their generation): an erased
   * person's id must not stay in Redis (issue 13). Unlike the rest of the cache it throws when Redis
   * fails, so the erasure is retried rather than acknowledged with their keys still there.
   */
  forget(userId: string): Promise<void>;
}

export interface FeedCacheOptions {
  /** How long a cached first page lives. Default 60 s. */
  ttlSeconds?: number;
  /** Told each time Redis failed and the cache was skipped. */
  onRedisDown?: (error: unknown) => void;
  now?: () => number;
}

const GENERATION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Redis cache of feeds' first pages. A page's key holds the user, their preferences version, a
 * per-user generation and the page size: `feed:<user>:p<version>:g<generation>:n<size>`. Invalidating
 * increments the generation instead of deleting pages, so a reader that computed its page from the
 * database before a change committed can only store it under the old generation, which nobody reads
 * again: no stale page survives an invalidation, whatever the interleaving.
 *
 * Redis is only a cache here: while it fails, every lookup misses and nothing is stored, and a change
 * still commits. An invalidation that failed may leave a page behind for up to its TTL once Redis is
 * back, so after any failure this process reads no cached page for one TTL.
 */
export function createFeedCache(redis: Redis, options: FeedCacheOptions = {}): FeedCache {
  const ttl = options.ttlSeconds ?? 60;
  const now = options.now ?? Date.now;
  const generationKey = (userId: string) => `feedgen:${userId}`;
  let bypassUntil = 0;
  const failed = (error: unknown) => {
    bypassUntil = now() + ttl * 1000;
    options.onRedisDown?.(error);
  };
  const miss: FeedCacheLookup = { hit: null, store: async () => undefined };
  return {
    lookup: async (userId, preferencesVersion, size) => {
      if (now() < bypassUntil) return miss;
      try {
        const generation = (await redis.get(generationKey(userId))) ?? "0";
        const key = `feed:${userId}:p${preferencesVersion}:g${generation}:n${size}`;
        const cached = await redis.get(key);
        return {
          hit: cached ? (JSON.parse(cached) as CachedFeedPage) : null,
          store: async (page) => {
            await redis.set(key, JSON.stringify(page), "EX", ttl).catch(failed);
          },
        };
      } catch (error) {
        failed(error);
        return miss;
      }
    },
    invalidate: async (userIds) => {
      if (userIds.length === 0) return;
      const pipeline = redis.pipeline();
      for (const userId of new Set(userIds)) {
        pipeline.incr(generationKey(userId)).expire(generationKey(userId), GENERATION_TTL_SECONDS);
      }
      const results = await pipeline.exec().catch((error: unknown) => {
        failed(error);
        return null;
      });
      const error = results?.find(([failure]) => failure)?.[0];
      if (error) failed(error);
    },
    forget: async (userId) => {
      // SCAN matches whole key names, the client's prefix included; DEL adds the prefix itself.
      const prefix = redis.options.keyPrefix ?? "";
      const pages: string[] = [];
      for await (const keys of redis.scanStream({ match: `${prefix}feed:${userId}:*`, count: 500 })) {
        pages.push(...(keys as string[]).map((key) => key.slice(prefix.length)));
      }
      await redis.del(generationKey(userId), ...pages);
    },
  };
}
