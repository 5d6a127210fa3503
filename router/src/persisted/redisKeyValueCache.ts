import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import type { Redis } from "@health/platform/redis";

/**
 * Apollo Server's cache interface over Redis, for automatic persisted queries shared by every router.
 * While Redis is unreachable every lookup misses and nothing is stored: a client whose hash is not found
 * resends the full query (PERSISTED_QUERY_NOT_FOUND), which then runs as usual.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onRedisDown: (error: unknown) => void = () => undefined,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.onRedisDown(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      if (options?.ttl) await this.redis.set(this.prefix + key, value, "EX", options.ttl);
      else await this.redis.set(this.prefix + key, value);
    } catch (error) {
      this.onRedisDown(error);
    }
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}
